import Core
import Foundation
import Storage

/// Organisers' exports: the entries CSV for French Excel and the winners' original files.
enum ResultsExport {
    /// The entries, one row each, for French Excel: dates in Paris time, decimal commas. Only what the service computes
    /// (counts, scores, ranks) is a number cell; everything else is text, so formulas typed by users stay inert.
    /// Rank and tie-break are the deliberation page's, by the calibrated method (its default); the raw mean and the
    /// z-score stand beside the calibrated score.
    static func csv(edition: Edition, database: AppDatabase) async throws -> Data {
        let board = try await DeliberationBoard.load(edition: edition, database: database, method: .calibrated, intervals: .never)
        let normalised = try await JuryDashboard.load(edition: edition, database: database, method: .zScore, intervals: .never)
        let zScores = Dictionary(normalised.entries.compactMap { line in line.entry.id.map { ($0, line.result.score) } }, uniquingKeysWith: { a, _ in a })
        let listings = try database.entries(editionId: edition.id ?? 0)
        let header = [
            "Référence", "Code anonyme", "Catégorie", "Titre", "Note d’intention", "Établissement", "UAI", "Commune", "Département",
            "Classe ou groupe", "Élèves", "Encadrant", "E-mail", "Déposée le", "Modifiée le", "Statut", "Recevabilité", "Motif",
            "Notes", "Note moyenne", "Note calibrée", "Note centrée réduite", "Écart", "Rang", "Départage", "Prix", "Motif du prix", "Galerie publique",
        ]
        var writer = CSVWriter()
        writer.append(header.map(CSVCell.text))
        for listing in listings.sorted(by: { ($0.entry.categoryCode, $0.entry.createdAt) < ($1.entry.categoryCode, $1.entry.createdAt) }) {
            let entry = listing.entry
            let establishment = listing.establishment
            let line = entry.id.flatMap { board.line(entryId: $0) }
            let result = line?.ranked.result
            let prize = line?.award.flatMap { award in edition.prizes.first { $0.code == award.prizeCode }?.label } ?? ""
            let identity: [CSVCell] = [
                .text(entry.reference), .text(entry.anonymousCode), .text(edition.category(code: entry.categoryCode)?.label ?? entry.categoryCode),
                .text(entry.details.title), .text(entry.details.statement), .text(establishment.name), .text(establishment.uai.code),
                .text(establishment.commune), .text(establishment.departement), .text(entry.details.classLabel),
                .number(String(entry.details.studentCount)),
                .text(entry.personalDataErasedAt.map(Retention.erasedLabel) ?? entry.details.teacherName),
                .text(entry.personalDataErasedAt.map(Retention.erasedLabel) ?? entry.details.teacherEmail),
                .text(ParisTime.short(entry.createdAt)), .text(ParisTime.short(entry.updatedAt)),
                .text(entry.status.label), .text(entry.eligibility.label), .text(entry.eligibility.reason ?? ""),
            ]
            let results: [CSVCell] = [
                .number(result.map { String($0.ballotCount) } ?? ""), decimal(result?.rawScore), decimal(result?.score),
                decimal(entry.id.flatMap { zScores[$0] ?? nil }),
                result.map { $0.ballotCount >= 2 ? decimal($0.spread) : .number("") } ?? .number(""),
                .number(line.map { String($0.ranked.rank) } ?? ""), .text(line?.ranked.tieBreak?.label ?? ""), .text(prize),
                .text(line?.award?.reason ?? ""), .text(entry.consent.publicGallery ? "oui" : "non"),
            ]
            writer.append(identity + results)
        }
        return writer.data
    }

    /// Two decimals with a comma; empty when there is no value.
    static func decimal(_ value: Double?) -> CSVCell {
        guard let value else { return .number("") }
        return .number(String(format: "%.2f", value).replacingOccurrences(of: ".", with: ","))
    }

    struct WinnerFile {
        var name: String
        var url: URL
        /// The original's size as received, known without touching the file.
        var byteCount: Int
    }

    /// The winners' originals, named `01-1er-prix-Colleges-College-Jean-Moulin-Sarcelles-2022-XXXXXX.jpg`.
    static func winnerFiles(edition: Edition, database: AppDatabase, store: FileStore) throws -> [WinnerFile] {
        let awards = try database.awards(editionId: edition.id ?? 0)
        var files: [(sort: String, file: WinnerFile)] = []
        for award in awards {
            guard let entry = try database.entry(id: award.entryId), let establishment = try database.establishment(uai: entry.establishment),
                let prize = edition.prizes.first(where: { $0.code == award.prizeCode }),
                // Awarded entries keep their original; one given its prize after a purge may have lost it.
                entry.originalDeletedAt == nil
            else { continue }
            let categoryIndex = edition.categories.firstIndex { $0.code == entry.categoryCode } ?? 99
            let category = edition.category(code: entry.categoryCode)?.label ?? entry.categoryCode
            let ext = (entry.poster.originalPath as NSString).pathExtension
            let sort = String(format: "%02d-%02d", prize.perCategory ? categoryIndex : 90, prize.rank)
            let parts = prize.perCategory
                ? [prize.label, category, establishment.name, establishment.commune, entry.reference]
                : [prize.label, establishment.name, establishment.commune, entry.reference]
            let name = String(format: "%02d-", files.count + 1) + slug(parts.joined(separator: " ")) + ".\(ext)"
            files.append((sort, WinnerFile(
                        name: name, url: store.url(forRelativePath: entry.poster.originalPath), byteCount: entry.poster.byteCount)))
        }
        // Numbered in print order: categories in edition order, then edition-wide prizes.
        return files.sorted { $0.sort < $1.sort }.enumerated().map { index, item in
            var file = item.file
            file.name = String(format: "%02d", index + 1) + file.name.dropFirst(2)
            return file
        }
    }

    /// ASCII, dashes, no accents: safe on every file system and printer's workstation.
    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "æ", with: "ae")
        var out = ""
        var dash = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                out.unicodeScalars.append(scalar)
                dash = false
            } else if !dash, !out.isEmpty {
                out.append("-")
                dash = true
            }
        }
        return String(out.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(150))
    }
}
