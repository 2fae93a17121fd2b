# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/integrateio/integrateio" {
  version = "0.1.0"
  hashes = [
    "h1:EeJWKif2cpVu6byx9dOrbOHAgWHyx7ztZzdLTYiVa+M=",
    "h1:knBFyBo977nbzhScT+EsFwXC+uOV+f3Vc75JMTTrKPk=",
  ]
}
