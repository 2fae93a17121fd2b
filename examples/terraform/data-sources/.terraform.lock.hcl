# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/integrateio/integrateio" {
  version = "0.1.0"
  hashes = [
    "h1:t4KH6XBIsj7HMFh+L/dYbA/Z649IuCBx3/B9BPhBayU=",
    "h1:toGigNnea24HKJSe6vWg8zEMj7i4YacNPzrpKoFvZXY=",
  ]
}
