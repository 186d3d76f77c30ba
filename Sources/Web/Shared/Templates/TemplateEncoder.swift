import Core

/// Turns an `Encodable` page model into a `TemplateValue` tree, through the conformance the compiler synthesises.
///
/// `nil` properties are kept as `.null` (the synthesised code calls `encodeIfPresent`, answered here) so that a
/// template asking for them gets an explicit nothing rather than a value of the same name further up.
struct TemplateEncoder {
    static func encode(_ value: some Encodable) throws -> TemplateValue {
        if let direct = directValue(value) { return direct }
        let slot = Slot()
        try value.encode(to: SlotEncoder(slot: slot, codingPath: []))
        return slot.value
    }

    /// Scalars that need no encoder, and values that keep their own encoding.
    static func directValue(_ value: Any) -> TemplateValue? {
        switch value {
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .int(number)
        case let number as Double: return .double(number)
        case let memoised as any MemoisedTemplateValue: return memoised.memoisedTemplateValue()
        case let number as Int64: return .int(Int(number))
        case let number as Int32: return .int(Int(number))
        case let number as Int16: return .int(Int(number))
        case let number as Int8: return .int(Int(number))
        case let number as UInt: return .int(Int(clamping: number))
        case let number as UInt64: return .int(Int(clamping: number))
        case let number as UInt32: return .int(Int(number))
        case let number as UInt16: return .int(Int(number))
        case let number as UInt8: return .int(Int(number))
        case let number as Float: return .double(Double(number))
        default: return nil
        }
    }
}

/// A part of many pages that is costly to encode and often the same (the edition's description): encoded once per
/// distinct value, then reused.
protocol MemoisedTemplateValue: Encodable, Hashable, Sendable {}

extension MemoisedTemplateValue {
    func memoisedTemplateValue() -> TemplateValue? {
        let key = MemoisedKey(value: AnyHashable(self))
        if let known = templateValueMemo.value(for: key) { return known }
        let slot = Slot()
        guard (try? encode(to: SlotEncoder(slot: slot, codingPath: []))) != nil else { return nil }
        let value = slot.value
        templateValueMemo.store(value, for: key)
        return value
    }
}

private let templateValueMemo = Memo<MemoisedKey, TemplateValue>(capacity: 512)

/// A memoised value as a key: `AnyHashable` of a `Sendable` value.
private struct MemoisedKey: Hashable, @unchecked Sendable {
    let value: AnyHashable
}

/// A node of the tree being built; containers keep references to their children until the end.
final class Slot {
    enum Child {
        case value(TemplateValue)
        case node(Slot)

        var value: TemplateValue {
            switch self {
            case .value(let value): return value
            case .node(let slot): return slot.value
            }
        }
    }

    enum Content {
        case empty
        case value(TemplateValue)
        case object([(String, Child)])
        case list([Child])
    }

    var content: Content = .empty

    var value: TemplateValue {
        switch content {
        case .empty: return .null
        case .value(let value): return value
        case .object(let fields):
            var dictionary: [String: TemplateValue] = [:]
            dictionary.reserveCapacity(fields.count)
            for (key, child) in fields { dictionary[key] = child.value }
            return .object(dictionary)
        case .list(let items): return .list(items.map(\.value))
        }
    }

    func add(_ child: Child, key: String) {
        if case .object(var fields) = content {
            content = .empty
            fields.append((key, child))
            content = .object(fields)
        } else {
            content = .object([(key, child)])
        }
    }

    func append(_ child: Child) {
        if case .list(var items) = content {
            content = .empty
            items.append(child)
            content = .list(items)
        } else {
            content = .list([child])
        }
    }

    /// The child for `value`: scalars and memoised values directly, anything else through a nested slot.
    static func child(for value: some Encodable, codingPath: [any CodingKey]) throws -> Child {
        if let direct = TemplateEncoder.directValue(value) { return .value(direct) }
        let slot = Slot()
        try value.encode(to: SlotEncoder(slot: slot, codingPath: codingPath))
        return .node(slot)
    }
}

private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { String(intValue ?? 0) }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

struct SlotEncoder: Encoder {
    let slot: Slot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = slot.content {} else { slot.content = .object([]) }
        return KeyedEncodingContainer(KeyedSlotContainer<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .list = slot.content {} else { slot.content = .list([]) }
        return UnkeyedSlotContainer(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleSlotContainer(slot: slot, codingPath: codingPath)
    }
}

private struct KeyedSlotContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { slot.add(.value(.null), key: key.stringValue) }

    // The common scalars, without a dynamic cast.
    mutating func encode(_ value: String, forKey key: Key) throws { slot.add(.value(.string(value)), key: key.stringValue) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { slot.add(.value(.bool(value)), key: key.stringValue) }
    mutating func encode(_ value: Int, forKey key: Key) throws { slot.add(.value(.int(value)), key: key.stringValue) }
    mutating func encode(_ value: Double, forKey key: Key) throws { slot.add(.value(.double(value)), key: key.stringValue) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        slot.add(try Slot.child(for: value, codingPath: codingPath + [key]), key: key.stringValue)
    }

    // The synthesised conformance skips nil optionals through these: record them as `.null` instead.
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = Slot()
        slot.add(.node(child), key: key.stringValue)
        return SlotEncoder(slot: child, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = Slot()
        slot.add(.node(child), key: key.stringValue)
        return SlotEncoder(slot: child, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let child = Slot()
        slot.add(.node(child), key: "super")
        return SlotEncoder(slot: child, codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = Slot()
        slot.add(.node(child), key: key.stringValue)
        return SlotEncoder(slot: child, codingPath: codingPath + [key])
    }
}

private struct UnkeyedSlotContainer: UnkeyedEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]
    var count: Int {
        if case .list(let items) = slot.content { return items.count }
        return 0
    }

    mutating func encodeNil() throws { slot.append(.value(.null)) }
    mutating func encode(_ value: String) throws { slot.append(.value(.string(value))) }
    mutating func encode(_ value: Bool) throws { slot.append(.value(.bool(value))) }
    mutating func encode(_ value: Int) throws { slot.append(.value(.int(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        slot.append(try Slot.child(for: value, codingPath: codingPath + [IndexKey(count)]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = Slot()
        slot.append(.node(child))
        return SlotEncoder(slot: child, codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = Slot()
        slot.append(.node(child))
        return SlotEncoder(slot: child, codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let child = Slot()
        slot.append(.node(child))
        return SlotEncoder(slot: child, codingPath: codingPath)
    }
}

private struct SingleSlotContainer: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.content = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        // Every standard scalar is a direct value, so a wrapper encoding itself as one value ends here, not in a loop.
        switch try Slot.child(for: value, codingPath: codingPath) {
        case .value(let direct): slot.content = .value(direct)
        case .node(let nested): slot.content = nested.content
        }
    }
}
