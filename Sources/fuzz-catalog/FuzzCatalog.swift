// libFuzzer target: bytes as a catalog-info.yaml through YAML parsing, placeholders and entity
// validation (CatalogLoader.loadDescriptor). Diagnostics are expected; a crash, a hang or runaway
// memory is a bug. Scripts/fuzz.sh builds it with libFuzzer; FuzzDriver is its main.
import FuzzDriver
import PortalKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCatalog(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    load(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

func load(_ bytes: [UInt8]) {
    let loaded = CatalogLoader().loadDescriptor(bytes, path: "/portal-fuzz/repo/catalog-info.yaml", repository: "/portal-fuzz/repo")
    for entity in loaded.entities where entity.name.isEmpty || entity.kind.isEmpty {
        fatalError("an entity without a name or kind was accepted: \(entity.ref)")
    }
}

@main
enum FuzzCatalog {
    static func main() { FuzzDriver.main(fuzzCatalog) }
}
