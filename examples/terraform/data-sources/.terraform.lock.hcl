# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/integrateio/integrateio" {
  version = "0.1.0"
  hashes = [
    "h1:NA/rjdsdzjxW90SMsygyvcoCMzvzwtmoLxU7MKvmsWE=",
    "h1:n1GI+aB9JVTEyw6o4QvdqTmdQNgcPp1T7dGEqVl8IIA=",
  ]
}
