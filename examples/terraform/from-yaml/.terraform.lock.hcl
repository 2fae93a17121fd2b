# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/integrateio/integrateio" {
  version = "0.1.0"
  hashes = [
    "h1:+LLrJBj3LLfO/CMiYc652FGyOaeVS4ockAGbD5q2dJU=",
    "h1:OcqkbEv139MVJtG0jQqbxSPRoNEYkDB56bYTcjUziGM=",
  ]
}
