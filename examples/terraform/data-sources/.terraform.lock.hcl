# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/integrateio/integrateio" {
  version = "0.1.0"
  hashes = [
    "h1:JC2t2pPHV8ekNKMKLex5Qn5YUgb/4ps2qdlZ1S+40Ys=",
    "h1:skgLuqNigDFzJe8sSILZO0QveXx8IJ0/nic3BdiTLUI=",
  ]
}
