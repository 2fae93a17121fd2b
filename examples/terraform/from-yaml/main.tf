terraform {
  required_providers {
    integrateio = {
      source = "integrateio/integrateio"
    }
  }
}

# api_url and api_key come from INTEGRATEIO_API_URL and INTEGRATEIO_API_KEY.
provider "integrateio" {}

resource "integrateio_pipeline" "orders" {
  definition = yamldecode(file("${path.module}/orders.yaml"))
  running    = false
}

output "pipeline_id" {
  value = integrateio_pipeline.orders.id
}

output "observed_state" {
  value = integrateio_pipeline.orders.observed_state
}
