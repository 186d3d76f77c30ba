import Core
import Foundation
import GRDB

/// A row of `edition`.
struct EditionRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "edition"

    var id: Int64?
    var number: Int
    var year: Int
    var theme: String
    var weekStart: String
    var weekEnd: String
    var submissionOpensAt: Date
    var submissionDeadline: Date
    var forumDay: String?
    var forumTheme: String?
    var categories: [Core.Category]
    var criteria: [Criterion]
    var prizes: [PrizeDefinition]
    var maxEntriesPerEstablishmentAndCategory: Int
    var accessCode: String?
    var jury: JurySettings
    var state: String
    var isDemo: Bool
    var updatedAt: Date

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let year = Column(CodingKeys.year)
        static let state = Column(CodingKeys.state)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    init(_ edition: Edition, isDemo: Bool, updatedAt: Date) {
        self.id = edition.id
        self.number = edition.number
        self.year = edition.year
        self.theme = edition.theme
        self.weekStart = edition.weekStart.description
        self.weekEnd = edition.weekEnd.description
        self.submissionOpensAt = edition.submissionOpensAt
        self.submissionDeadline = edition.submissionDeadline
        self.forumDay = edition.forumDay?.description
        self.forumTheme = edition.forumTheme
        self.categories = edition.categories
        self.criteria = edition.criteria
        self.prizes = edition.prizes
        self.maxEntriesPerEstablishmentAndCategory = edition.maxEntriesPerEstablishmentAndCategory
        self.accessCode = edition.accessCode
        self.jury = edition.jury
        self.state = edition.state.rawValue
        self.isDemo = isDemo
        self.updatedAt = updatedAt
    }

    var edition: Edition {
        Edition(
            id: id, number: number, year: year, theme: theme,
            weekStart: CalendarDay(weekStart) ?? CalendarDay(year: year, month: 1, day: 1),
            weekEnd: CalendarDay(weekEnd) ?? CalendarDay(year: year, month: 1, day: 1),
            submissionOpensAt: submissionOpensAt, submissionDeadline: submissionDeadline,
            forumDay: forumDay.flatMap(CalendarDay.init), forumTheme: forumTheme,
            categories: categories, criteria: criteria, prizes: prizes,
            maxEntriesPerEstablishmentAndCategory: maxEntriesPerEstablishmentAndCategory, accessCode: accessCode,
            jury: jury, state: EditionState(rawValue: state) ?? .draft
        )
    }
}
