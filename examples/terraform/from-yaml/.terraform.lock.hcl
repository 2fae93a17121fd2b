# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/integrateio/integrateio" {
  version = "0.1.0"
  hashes = [
    "h1:hjDEiXYNUTAOjBBft30x7hDlGjI35a1FRBqFWfYQinA=",
    "h1:mlBCr0hUfNo/fglTANHBMdyUR/6lPQuWqV/PAJCGb8A=",
  ]
}
