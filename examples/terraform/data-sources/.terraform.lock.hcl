# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/integrateio/integrateio" {
  version = "0.1.0"
  hashes = [
    "h1:Ta6i9DGDER/rd+/AHpzrLvVinA/7rb9C6y2AP1bnqQw=",
    "h1:wgocpG2OUv1mQE9qWmQJjFHJc8QOTNwlC8sZ66P8WdQ=",
  ]
}
