import Core
import Foundation
import Storage

/// The messages controllers queue with their events, built from stored facts.
extension Services {
    /// What the messages say about an entry (nil when its establishment is unknown: no message then).
    func entryFacts(_ entry: Entry, edition: Edition) -> EntryFacts? {
        guard let establishment = try? database.establishment(uai: entry.establishment) else { return nil }
        return EntryFacts(entry: entry, edition: edition, establishment: establishment)
    }

    /// The message after a change made through the private link (or the organisers' cancellation).
    func changeMail(_ entry: Entry, edition: Edition, change: MailTexts.Change, privateLink: String?) -> [MailMessage] {
        guard let facts = entryFacts(entry, edition: edition) else { return [] }
        return [MailTexts.changed(facts, change: change, privateLink: privateLink)]
    }

    /// The results of an edition for every entry still in competition: its prizes, or thanks.
    func resultsMail(edition: Edition, palmares: String) throws -> [MailMessage] {
        try ResultsMail.messages(edition: edition, database: database, palmares: palmares)
    }
}

/// The results messages of a publication, for the organisers' page and the command line alike.
public enum ResultsMail {
    /// One message per entry still in competition (prize, or thanks), with the palmarès link.
    public static func messages(edition: Edition, database: AppDatabase, palmares: String) throws -> [MailMessage] {
        guard let id = edition.id else { return [] }
        let awards = try database.awards(editionId: id)
        var prizes: [Int64: [String]] = [:]
        for award in awards {
            let label = edition.prizes.first { $0.code == award.prizeCode }?.label ?? award.prizeCode
            prizes[award.entryId, default: []].append(label)
        }
        return try database.entries(editionId: id).compactMap { listing -> MailMessage? in
            guard listing.entry.status == .active, listing.entry.personalDataErasedAt == nil, let entryId = listing.entry.id else { return nil }
            let facts = EntryFacts(entry: listing.entry, edition: edition, establishment: listing.establishment)
            return MailTexts.results(facts, prize: prizes[entryId].map { $0.joined(separator: ", ") }, palmares: palmares)
        }
    }
}
