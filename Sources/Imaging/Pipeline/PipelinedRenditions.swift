import Foundation

/// Works on a JPEG on a second thread while libjpeg is still decoding it.
///
/// Huffman decoding is sequential and takes most of the time. Rows already decoded are resampled to the preview
/// size meanwhile; when the image needs no rotation, finished preview rows are also JPEG-encoded and shrunk to the
/// thumbnail on the fly. On two cores both files are ready almost as soon as the last row is decoded.
final class PipelinedRenditions: JPEGDecoder.DecodeObserver, @unchecked Sendable {
    /// What the second thread produced.
    enum Output {
        /// The preview image, resampled but not oriented or encoded (`encodes` was false).
        case preview(GDImage)
        /// Both files, encoded.
        case encoded(preview: Data, thumbnail: Data)
    }

    private let previewSize: PixelSize
    private let thumbnailSize: PixelSize
    private let quality: Int
    private let encodes: Bool
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var published = 0
    private var cancelled = false
    private var running = false
    // Set before the consumer starts, read by it, then read by the decoding thread once it has stopped.
    private var decoded: GDImage?
    private var plan: Resampler.Plan?
    private var output: Result<Output, ImagingError>?

    /// - Parameters:
    ///   - previewSize: the size to resample to.
    ///   - thumbnailSize: the thumbnail's size.
    ///   - quality: JPEG quality.
    ///   - encodes: whether to encode as rows come (only if the preview needs no rotation or flip).
    init(previewSize: PixelSize, thumbnailSize: PixelSize, quality: Int, encodes: Bool) {
        self.previewSize = previewSize
        self.thumbnailSize = thumbnailSize
        self.quality = quality
        self.encodes = encodes
    }

    func decodingStarted(_ image: GDImage) {
        self.decoded = image
        if (image.width, image.height) != (self.previewSize.width, self.previewSize.height) {
            // Out of memory: no plan, the caller resamples once decoding is over.
            guard let plan = Resampler.Plan(source: image, width: self.previewSize.width, height: self.previewSize.height) else { return }
            self.plan = plan
        } else if !self.encodes {
            return  // nothing to do on the side
        }
        self.running = true
        let thread = Thread { [self] in self.consume() }
        thread.name = "imaging.renditions"
        thread.start()
    }

    func rowsDecoded(_ count: Int) {
        self.condition.lock()
        self.published = count
        self.condition.signal()
        self.condition.unlock()
    }

    /// Waits for the second thread; `nil` if it did not run (the caller does the work).
    func finish() throws(ImagingError) -> Output? {
        self.waitForConsumer()
        return try self.output?.get()
    }

    /// Stops the second thread (the decode failed) and waits until it no longer touches the images.
    func cancel() {
        self.condition.lock()
        self.cancelled = true
        self.condition.broadcast()
        self.condition.unlock()
        self.waitForConsumer()
    }

    private func waitForConsumer() {
        self.condition.lock()
        while self.running {
            self.condition.wait()
        }
        self.condition.unlock()
    }

    // MARK: - Second thread

    private func consume() {
        defer {
            self.condition.lock()
            self.running = false
            self.condition.broadcast()
            self.condition.unlock()
        }
        guard let decoded = self.decoded else { return }
        let preview = self.plan?.result ?? decoded
        do throws(ImagingError) {
            let stream = try self.encodes ? Stream(preview: preview, thumbnailSize: self.thumbnailSize, quality: self.quality) : nil
            var done = 0
            while done < decoded.height {
                self.condition.lock()
                while self.published == done && !self.cancelled {
                    self.condition.wait()
                }
                let available = self.published
                let stop = self.cancelled
                self.condition.unlock()
                if stop {
                    return
                }
                self.plan?.advance(sourceRows: available)
                done = available
                try stream?.advance(previewRows: self.plan?.completedRows ?? available)
            }
            if let stream {
                let (preview, thumbnail) = try stream.finish()
                self.output = .success(.encoded(preview: preview, thumbnail: thumbnail))
            } else {
                self.output = .success(.preview(preview))
            }
        } catch {
            self.output = .failure(error)
        }
    }

    /// Encodes the preview and builds the thumbnail as preview rows are completed.
    private final class Stream {
        private let preview: GDImage
        private let encoder: JPEGStreamEncoder
        private let thumbnail: Resampler.Plan?
        private let quality: Int
        private var encodedRows = 0

        init(preview: GDImage, thumbnailSize: PixelSize, quality: Int) throws(ImagingError) {
            self.preview = preview
            self.quality = quality
            self.encoder = try JPEGStreamEncoder(width: preview.width, height: preview.height, quality: quality)
            if (thumbnailSize.width, thumbnailSize.height) == (preview.width, preview.height) {
                self.thumbnail = nil
            } else {
                guard let plan = Resampler.Plan(source: preview, width: thumbnailSize.width, height: thumbnailSize.height)
                else { throw .processingFailed }
                self.thumbnail = plan
            }
        }

        func advance(previewRows ready: Int) throws(ImagingError) {
            guard ready > self.encodedRows else { return }
            try self.encoder.write(rows: self.encodedRows..<ready, of: self.preview)
            self.thumbnail?.advance(sourceRows: ready)
            self.encodedRows = ready
        }

        func finish() throws(ImagingError) -> (preview: Data, thumbnail: Data) {
            let preview = try self.encoder.finish()
            guard let thumbnail = self.thumbnail else { return (preview, preview) }
            return (preview, try JPEGEncoder.encode(thumbnail.result, quality: self.quality))
        }
    }
}
