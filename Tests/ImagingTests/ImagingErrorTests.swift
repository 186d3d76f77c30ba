import Testing

@testable import Imaging

struct ImagingErrorTests {
    @Test func messages_are_french_with_french_numbers() {
        #expect(ImagingError.empty.message == "Le fichier est vide.")
        #expect(ImagingError.truncated.message == "Le fichier semble tronqué ou corrompu.")
        #expect(
            ImagingError.tooManyPixels(width: 30_000, height: 30_000, maximum: 60_000_000).message
                == "Image trop grande : 30\u{202F}000 × 30\u{202F}000 pixels (maximum 60 mégapixels).")
        #expect(
            ImagingError.tooSmall(longEdge: 500, minimum: 1200).message
                == "Image trop petite : le grand côté mesure 500 px, il en faut au moins 1\u{202F}200.")
        #expect(
            ImagingError.unrecognizedFormat(accepted: [.png, .jpeg, .webp]).message
                == "Format non reconnu : seuls JPEG, PNG et WebP sont acceptés.")
        #expect(ImagingError.unsupportedFormat(.tiff, accepted: [.jpeg]).message.hasPrefix("Le format TIFF n’est pas accepté"))
    }

    @Test func formats_numbers_the_french_way() {
        #expect(FrenchNumber.integer(0) == "0")
        #expect(FrenchNumber.integer(999) == "999")
        #expect(FrenchNumber.integer(1_234_567) == "1\u{202F}234\u{202F}567")
        #expect(FrenchNumber.megapixels(12_500_000) == "12,5")
        #expect(FrenchNumber.megapixels(60_000_000) == "60")
    }
}
