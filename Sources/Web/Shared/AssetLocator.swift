import Foundation

/// Finds the project's `Assets/` and `Config/` folders whether the binary runs from the repository, from `.build/`, or elsewhere.
public enum AssetLocator {
    /// The folder holding `Assets/` and `Config/`: `CONCOURS_ROOT`, the working directory, or a parent of the executable.
    public static func projectRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        var candidates: [URL] = []
        if let root = environment["CONCOURS_ROOT"] { candidates.append(URL(fileURLWithPath: root)) }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        var executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(executable)
            executable = executable.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Assets/Templates").path) }
    }

    /// The assets folder named in the configuration, or the one found next to the project.
    public static func assetsDirectory(for config: AppConfig) throws(ConfigError) -> String {
        if !config.assetsDirectory.isEmpty {
            guard FileManager.default.fileExists(atPath: (config.assetsDirectory as NSString).appendingPathComponent("Templates")) else {
                throw .invalid("pas de dossier Templates dans \(config.assetsDirectory)")
            }
            return config.assetsDirectory
        }
        guard let root = projectRoot() else {
            throw .invalid("dossier Assets introuvable : lancez depuis la racine du projet ou définissez CONCOURS_ROOT")
        }
        return root.appendingPathComponent("Assets").path
    }

    /// A project file named in the configuration: absolute, or relative to the project (the folder above the assets).
    public static func projectFile(_ path: String, config: AppConfig) throws(ConfigError) -> String {
        if path.hasPrefix("/") { return path }
        let assets = try assetsDirectory(for: config)
        return ((assets as NSString).deletingLastPathComponent as NSString).appendingPathComponent(path)
    }
}
