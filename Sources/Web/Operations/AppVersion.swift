/// The service's version, shown by `/sante` and written into backup manifests.
public enum AppVersion {
    public static let current = "1.13.0"
}
