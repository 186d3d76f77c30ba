import ArgumentParser
import Core
import Foundation
import Storage
import Web

/// `concours edition …`: import, list and move editions.
struct EditionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edition", abstract: "Gère les éditions du concours.", subcommands: [Import.self, List.self, Advance.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Importe une édition depuis un fichier JSON (voir Config/editions).")

        @OptionGroup var common: CommonOptions

        @Argument(help: "Fichier d’édition JSON.")
        var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw Failure("Fichier illisible : \(file)") }
            let edition: Edition
            do {
                edition = try EditionFile.decode(data).edition()
            } catch {
                throw Failure(error.message)
            }
            let (_, database) = try common.openDatabase()
            do {
                let stored = try database.insertEdition(edition)
                print("Édition importée : \(stored.title) (\(stored.year)) « \(stored.theme) », étape « \(stored.state.label) ».")
                print("Dépôts du \(ParisTime.longDateTime(stored.submissionOpensAt)) au \(ParisTime.longDateTime(stored.submissionDeadline)).")
            } catch {
                throw Failure(error.message)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les éditions.")

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let (_, database) = try common.openDatabase()
            let editions = try database.editions()
            if editions.isEmpty { print("Aucune édition.") }
            for edition in editions {
                print("\(edition.year)  \(edition.title)  « \(edition.theme) »  [\(edition.state.rawValue) — \(edition.state.label)]  date limite : \(ParisTime.short(edition.submissionDeadline))")
            }
        }
    }

    struct Advance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fait passer une édition à l’étape suivante (ou à celle donnée par --to).")

        @OptionGroup var common: CommonOptions

        @Argument(help: "Année de l’édition.")
        var year: Int

        @Option(help: "Étape visée : draft, open, closed, judging, deliberation, published, archived.")
        var to: String?

        func run() async throws {
            let (config, database) = try common.openDatabase()
            guard let edition = try database.edition(year: year), let id = edition.id else { throw Failure("Aucune édition \(year).") }
            let target: EditionState
            if let to {
                guard let state = EditionState(rawValue: to) else {
                    throw Failure("Étape inconnue « \(to) » : choisissez parmi \(EditionState.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                target = state
            } else {
                guard let next = edition.state.next else { throw Failure(LifecycleError.finalState(edition.state).message) }
                target = next
            }
            // Publishing queues the results for every participant, as the organisers' page does; the link needs the
            // public address, which a command line has no request to read from.
            var mail: [MailMessage] = []
            if target == .published {
                if config.publicBase.isEmpty {
                    print("publicURL n’est pas défini : les résultats sont publiés sans courriel aux participants (réglez publicURL ou CONCOURS_PUBLIC_URL pour les envoyer).")
                } else {
                    mail = try ResultsMail.messages(edition: edition, database: database, palmares: config.publicBase + "/palmares/\(year)")
                }
            }
            do {
                let moved = try database.moveEdition(id: id, to: target, actor: "concours (ligne de commande)", now: Date(), mail: mail)
                print("Édition \(year) : « \(edition.state.label) » → « \(moved.state.label) ».")
                if !mail.isEmpty { print("\(mail.count) courriel(s) de résultats mis en file : concours serve les envoie.") }
            } catch {
                throw Failure(error.message)
            }
        }
    }
}
