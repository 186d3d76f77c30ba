/// How stored pixels must be transformed for display (EXIF orientation tag, values 1–8).
public enum ImageOrientation: Int, CaseIterable, Sendable {
    /// 1: stored as displayed.
    case up = 1
    /// 2: mirrored left–right.
    case upMirrored = 2
    /// 3: rotated 180°.
    case down = 3
    /// 4: mirrored top–bottom.
    case downMirrored = 4
    /// 5: mirrored along the main diagonal (transpose).
    case leftMirrored = 5
    /// 6: must be turned 90° clockwise for display (portrait phone photo).
    case right = 6
    /// 7: mirrored along the anti-diagonal (transverse).
    case rightMirrored = 7
    /// 8: must be turned 90° counter-clockwise for display.
    case left = 8

    /// Whether width and height swap for display.
    public var swapsDimensions: Bool {
        self.rawValue >= 5
    }

    /// The orientation for an EXIF value, `.up` for anything outside 1–8.
    init(exifValue: Int) {
        self = ImageOrientation(rawValue: exifValue) ?? .up
    }
}
