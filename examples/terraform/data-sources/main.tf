terraform {
  required_providers {
    integrateio = {
      source = "integrateio/integrateio"
    }
  }
}

provider "integrateio" {}

resource "integrateio_pipeline" "orders" {
  definition = yamldecode(file("${path.module}/../from-yaml/orders.yaml"))
}

data "integrateio_pipeline" "orders" {
  id = integrateio_pipeline.orders.id
}

data "integrateio_pipelines" "all" {
  depends_on = [integrateio_pipeline.orders]
}

output "orders_definition_yaml" {
  value = data.integrateio_pipeline.orders.definition_yaml
}

output "pipeline_names" {
  value = [for p in data.integrateio_pipelines.all.pipelines : p.name]
}
