/// Why an image was refused or could not be processed.
///
/// `message` is the French sentence shown to the user; technical details go to the warning handler.
public enum ImagingError: Error, Equatable, Sendable {
    /// The file has no bytes.
    case empty
    /// The bytes are not an image format we recognise.
    case unrecognizedFormat(accepted: [ImageFormat])
    /// The format was recognised but is not accepted (or this libgd cannot decode it).
    case unsupportedFormat(ImageFormat, accepted: [ImageFormat])
    /// The file ends before the image does.
    case truncated
    /// The file is damaged or is not what its header claims.
    case corrupt
    /// The image declares more pixels than allowed (checked before decoding).
    case tooManyPixels(width: Int, height: Int, maximum: Int)
    /// The long edge is shorter than required.
    case tooSmall(longEdge: Int, minimum: Int)
    /// The file could not be read from disk.
    case unreadable(path: String)
    /// Decoding or encoding failed for another reason (out of memory, libgd failure).
    case processingFailed
    /// The PDF needs a password, or restricts printing or copying.
    case pdfEncrypted
    /// The PDF has no page.
    case pdfNoPages
    /// The first page is larger than allowed (checked before rendering), in points.
    case pdfPageTooLarge(widthPoints: Double, heightPoints: Double, maximumPoints: Double)
    /// The PDF carries scripts or attached files.
    case pdfActiveContent(ActiveContent)
    /// Rendering the first page went over its CPU or wall-clock time.
    case pdfTooSlow
    /// Rendering the first page went over its memory limit.
    case pdfTooHeavy

    /// What a PDF may carry that a poster has no use for.
    public enum ActiveContent: Equatable, Sendable {
        case javaScript, embeddedFiles
    }
}

extension ImagingError {
    /// The user-facing explanation, in French.
    public var message: String {
        switch self {
        case .empty:
            "Le fichier est vide."
        case .unrecognizedFormat(let accepted):
            "Format non reconnu : seuls \(Self.list(accepted)) sont acceptés."
        case .unsupportedFormat(let format, let accepted):
            "Le format \(format.displayName) n’est pas accepté : seuls \(Self.list(accepted)) sont acceptés."
        case .truncated, .corrupt:
            "Le fichier semble tronqué ou corrompu."
        case .tooManyPixels(let width, let height, let maximum):
            "Image trop grande : \(FrenchNumber.integer(width)) × \(FrenchNumber.integer(height)) pixels "
                + "(maximum \(FrenchNumber.megapixels(maximum)) mégapixels)."
        case .tooSmall(let longEdge, let minimum):
            "Image trop petite : le grand côté mesure \(FrenchNumber.integer(longEdge)) px, "
                + "il en faut au moins \(FrenchNumber.integer(minimum))."
        case .unreadable:
            "Le fichier n’a pas pu être lu."
        case .processingFailed:
            "L’image n’a pas pu être traitée."
        case .pdfEncrypted:
            "Le PDF est protégé (mot de passe ou restrictions d’impression) : exportez-le à nouveau sans protection."
        case .pdfNoPages:
            "Le PDF ne contient aucune page."
        case .pdfPageTooLarge(let width, let height, let maximum):
            "Page trop grande : \(Self.millimetres(width)) × \(Self.millimetres(height)) mm "
                + "(au plus \(Self.millimetres(maximum)) mm de côté)."
        case .pdfActiveContent(.javaScript):
            "Le PDF contient du JavaScript ou des actions : exportez l’affiche en PDF simple (« Enregistrer au format PDF » "
                + "ou « Imprimer en PDF »), ou en image."
        case .pdfActiveContent(.embeddedFiles):
            "Le PDF contient des fichiers joints : exportez l’affiche en PDF simple (« Enregistrer au format PDF » "
                + "ou « Imprimer en PDF »), sans pièce jointe, ou en image."
        case .pdfTooSlow:
            "Le PDF est trop long à afficher : simplifiez-le ou exportez l’affiche en image (JPEG ou PNG)."
        case .pdfTooHeavy:
            "Le PDF demande trop de mémoire pour être affiché : simplifiez-le ou exportez l’affiche en image (JPEG ou PNG)."
        }
    }

    /// Points (1/72 in) in whole millimetres, French digit grouping.
    private static func millimetres(_ points: Double) -> String {
        FrenchNumber.integer(Int((points * 25.4 / 72).rounded()))
    }

    private static func list(_ formats: [ImageFormat]) -> String {
        let names = formats.sorted().map(\.displayName)
        guard let last = names.last else { return "les images" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " et " + last
    }
}

extension ImagingError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unreadable(let path): "\(self.message) (\(path))"
        default: self.message
        }
    }
}
