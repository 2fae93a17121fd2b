terraform {
  required_providers {
    integrateio = {
      source = "integrateio/integrateio"
    }
  }
}

provider "integrateio" {}

variable "environment" {
  type    = string
  default = "dev"
}

resource "integrateio_pipeline" "customers" {
  definition = {
    definition_version = 1
    name               = "${var.environment}-customers-to-snowflake"
    source             = { connection = { id = 42 } }
    destination        = { connection = { id = 17 } }
    sync = {
      source_frequency      = 5
      destination_frequency = 15
      auto_sync_new_tables  = true
    }
    tables = [
      {
        name        = "public.customers"
        append_only = false
        columns     = { include = ["id", "email", "created_at"] }
      },
    ]
    transformations = [
      {
        type   = "rename_fields"
        table  = "public.customers"
        config = { mapping = { created_at = "signup_at" } }
      },
      {
        type   = "toggle_case"
        table  = "public.customers"
        config = { case = "lower", fields = ["email"] }
      },
    ]
    hooks = [
      { id = 9, events = ["pipeline_failed", "pipeline_stopped"] },
    ]
  }

  running       = true
  start_timeout = "5m"
}

output "customers" {
  value = {
    id             = integrateio_pipeline.customers.id
    status         = integrateio_pipeline.customers.status
    observed_state = integrateio_pipeline.customers.observed_state
  }
}
