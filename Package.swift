// swift-tools-version: 6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "concours",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "concours", targets: ["CLI"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Pure domain: models and rules, no I/O.
        .target(name: "Core", swiftSettings: swiftSettings),
        // libgd, through pkg-config `gdlib` (Debian: libgd-dev).
        .systemLibrary(
            name: "CGD",
            pkgConfig: "gdlib",
            providers: [.apt(["libgd-dev"])]
        ),
        // libjpeg-turbo, for DCT-domain downscaling of large JPEGs (Debian: libjpeg62-turbo-dev).
        .systemLibrary(
            name: "CJPEG",
            pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg62-turbo-dev"])]
        ),
        // libwebp, for decoding WebP straight to the preview's size (Debian: libwebp-dev).
        .systemLibrary(
            name: "CWebP",
            pkgConfig: "libwebp",
            providers: [.apt(["libwebp-dev"])]
        ),
        .target(name: "Imaging", dependencies: ["CGD", "CJPEG", "CWebP"], swiftSettings: swiftSettings),
        // Its PDF sample is written by the tests' PDF writer.
        .executableTarget(name: "ImagingBench", dependencies: ["Imaging", "PDFTestSupport"], swiftSettings: swiftSettings),
        // Simulated juries: the scoring methods, rank intervals and two rounds against known quality.
        .executableTarget(name: "JuryBench", dependencies: ["Core"], swiftSettings: swiftSettings),
        .target(
            name: "Storage",
            dependencies: [
                "Core",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // SMTP submission on SwiftNIO (plain, STARTTLS, implicit TLS; AUTH PLAIN/LOGIN).
        .target(
            name: "Mail",
            dependencies: [
                "Core",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Web",
            dependencies: [
                "Core", "Storage", "Imaging", "Mail",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "CLI",
            dependencies: [
                "Web", "Storage", "Core",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Runs the built `concours` executable (declared as a dependency so that it is built first).
        .testTarget(name: "CLITests", dependencies: ["CLI", "Imaging", "Storage", "Core", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "CoreTests", dependencies: ["Core"], swiftSettings: swiftSettings),
        // Hand-written PDF files for the imaging and web tests.
        .target(name: "PDFTestSupport", path: "Tests/PDFTestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "ImagingTests", dependencies: ["Imaging", "PDFTestSupport"], swiftSettings: swiftSettings),
        // A real SMTP server (python3-aiosmtpd) and an independent reader of what it saved, for the mail tests.
        .target(name: "TestSupport", path: "Tests/Support", exclude: ["smtp_server.py", "read_mail.py"], swiftSettings: swiftSettings),
        .testTarget(name: "MailTests", dependencies: ["Mail", "Core", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "StorageTests", dependencies: ["Storage", "Core", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")], swiftSettings: swiftSettings),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web", "Storage", "Core", "Imaging", "PDFTestSupport", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
