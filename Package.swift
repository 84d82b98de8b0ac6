// swift-tools-version:6.0
// Guichet: one package, all targets. See DESIGN.md in the README for the layout.
import PackageDescription

/// A library of the platform kit under `Shared/<directory>`.
func kit(_ name: String, _ directory: String, _ dependencies: [Target.Dependency], resources: [Resource]? = nil) -> Target {
    .target(name: name, dependencies: dependencies, path: "Shared/\(directory)", resources: resources)
}

/// A service's library (HTTP routes, domain, store, migrations and OpenAPI document) and its thin
/// executable.
func service(_ name: String) -> [Target] {
    [
        .target(
            name: name,
            dependencies: ["GuichetPlatform", "GuichetNotifications"],
            path: "Services/\(name)/Service",
            resources: [.copy("Migrations"), .copy("OpenAPI")]
        ),
        .executableTarget(
            name: "\(name)Executable",
            dependencies: [.target(name: name)],
            path: "Services/\(name)/Executable"
        ),
    ]
}

/// One test target per library, laid out like the sources.
func tests(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .testTarget(name: name, dependencies: dependencies + ["GuichetTestSupport"], path: "Tests/\(name)")
}

let package = Package(
    name: "Guichet",
    products: [
        .executable(name: "gateway", targets: ["GatewayExecutable"]),
        .executable(name: "complaints", targets: ["ComplaintsExecutable"]),
        .executable(name: "appointments", targets: ["AppointmentsExecutable"]),
        .executable(name: "mail", targets: ["MailExecutable"]),
        .executable(name: "kit-bench-server", targets: ["KitBenchServer"]),
    ],
    targets: [
        // C libraries from Debian, reached through system-library targets.
        .systemLibrary(name: "CLibPQ", path: "Shared/CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Shared/COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CHTTPParser", path: "Shared/CHTTPParser", providers: [.apt(["libhttp-parser-dev"])]),
        .target(name: "CGuichetLinux", path: "Shared/CLinux"),

        // The platform kit.
        kit("GuichetCore", "Core", []),
        kit("GuichetCrypto", "Crypto", ["COpenSSL", "GuichetCore"]),
        kit("GuichetIO", "IO", ["CGuichetLinux", "GuichetCore"]),
        kit("GuichetHTTP", "HTTP", ["CHTTPParser", "GuichetIO", "GuichetCore"]),
        kit("GuichetPostgres", "Postgres", ["CLibPQ", "GuichetIO", "GuichetCore"]),
        kit(
            "GuichetPlatform", "Platform",
            ["GuichetCore", "GuichetCrypto", "GuichetIO", "GuichetHTTP", "GuichetPostgres"],
            resources: [.copy("Migrations"), .copy("OpenAPI")]
        ),
        // Email over SMTP, SMS, signed webhooks: the channels the outbox delivers through.
        kit("GuichetNotifications", "Notifications", ["COpenSSL", "GuichetPlatform"]),
    ]
        + service("Gateway") + service("Complaints") + service("Appointments") + service("Mail")
        + [
            // `make bench`: a server of the kit alone (plaintext, JSON and primary-key routes).
            .executableTarget(name: "KitBenchServer", dependencies: ["GuichetPlatform"], path: "Benchmarks/KitServer"),
            .target(name: "GuichetTestSupport", dependencies: ["GuichetPlatform"], path: "Tests/Support"),
            tests("CoreTests", ["GuichetCore"]),
            tests("CryptoTests", ["GuichetCrypto"]),
            tests("IOTests", ["GuichetIO"]),
            tests("HTTPTests", ["GuichetHTTP"]),
            tests("PostgresTests", ["GuichetPostgres"]),
            tests("PlatformTests", ["GuichetPlatform"]),
            tests("NotificationsTests", ["GuichetNotifications"]),
            tests("GatewayTests", ["Gateway"]),
            tests("ComplaintsTests", ["Complaints"]),
            tests("AppointmentsTests", ["Appointments"]),
            tests("MailTests", ["Mail"]),
            tests("EndToEndTests", ["Gateway", "Complaints", "Appointments", "Mail"]),
        ],
    swiftLanguageModes: [.v6]
)
