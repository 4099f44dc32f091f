package northwind.pricing

import io.grpc.ServerBuilder

fun main() {
    val config = PricingConfig.fromEnv()
    val server = ServerBuilder.forPort(config.port)
        .addService(PricingServiceImpl(config))
        .build()
        .start()
    Runtime.getRuntime().addShutdownHook(Thread { server.shutdown() })
    server.awaitTermination()
}
