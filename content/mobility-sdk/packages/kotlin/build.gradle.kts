plugins {
    kotlin("jvm") version "1.9.23"
    `maven-publish`
}

group = "com.northwind"
version = "4.2.0"

dependencies {
    implementation("io.ktor:ktor-client-core:2.3.10")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.8.0")
}
