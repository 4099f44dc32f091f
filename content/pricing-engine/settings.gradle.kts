rootProject.name = "pricing-engine"
