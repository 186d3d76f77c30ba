import Foundation
import Testing

@testable import Storage

struct ScoresJSONTests {
    @Test func reads_what_grdb_writes_and_agrees_with_foundation() throws {
        let samples: [[String: Int]] = [[:], ["theme": 4], ["creativite": 5, "graphisme": 4, "message": 3, "theme": 10], ["é-critère": -2, "x": 0]]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for sample in samples {
            let text = String(decoding: try encoder.encode(sample), as: UTF8.self)
            #expect(ScoresJSON.plain(text) == sample, "\(text)")
            #expect(ScoresJSON.decode(text) == sample)
        }
        #expect(ScoresJSON.plain(#" { "a" : 1 , "b":2 } "#) == ["a": 1, "b": 2])
    }

    @Test func anything_else_goes_to_foundation_or_is_refused() {
        // Escapes are left to Foundation's decoder, which reads them.
        #expect(ScoresJSON.plain(#"{"a\"b":1}"#) == nil)
        #expect(ScoresJSON.decode(#"{"a\"b":1}"#) == [#"a"b"#: 1])
        for bad in ["", "{", "}", #"{"a":}"#, #"{"a":1,}"#, #"{"a":1.5}"#, #"{"a":"1"}"#, #"{"a":1}x"#, #"{"a":1 "b":2}"#, "[1]", #"{"a":{"b":1}}"#,
            #"{"a":1,"a":2}"#, #"{"a":99999999999999999999999}"#]
        {
            #expect(ScoresJSON.plain(bad) == nil, "\(bad)")
        }
        #expect(ScoresJSON.decode("pas du JSON") == nil)
    }
}
