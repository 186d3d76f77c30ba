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

    /// Scalars that need no encoder.
    static func directValue(_ value: Any) -> TemplateValue? {
        switch value {
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .int(number)
        case let number as Double: return .double(number)
        case let number as Int64: return .int(Int(number))
        case let number as Int32: return .int(Int(number))
        case let number as UInt: return .int(Int(clamping: number))
        case let number as UInt64: return .int(Int(clamping: number))
        case let number as UInt32: return .int(Int(number))
        case let number as Int16: return .int(Int(number))
        case let number as Int8: return .int(Int(number))
        case let number as UInt16: return .int(Int(number))
        case let number as UInt8: return .int(Int(number))
        case let number as Float: return .double(Double(number))
        default: return nil
        }
    }
}

/// A node of the tree being built; containers keep references to their children until the end.
private final class Slot {
    enum Content {
        case empty
        case value(TemplateValue)
        case object([(String, Slot)])
        case list([Slot])
    }

    var content: Content = .empty

    var value: TemplateValue {
        switch content {
        case .empty: return .null
        case .value(let value): return value
        case .object(let fields):
            var dictionary: [String: TemplateValue] = [:]
            dictionary.reserveCapacity(fields.count)
            for (key, slot) in fields { dictionary[key] = slot.value }
            return .object(dictionary)
        case .list(let items): return .list(items.map(\.value))
        }
    }

    func field(_ key: String) -> Slot {
        let child = Slot()
        if case .object(var fields) = content {
            content = .empty
            fields.append((key, child))
            content = .object(fields)
        } else {
            content = .object([(key, child)])
        }
        return child
    }

    func element() -> Slot {
        let child = Slot()
        if case .list(var items) = content {
            content = .empty
            items.append(child)
            content = .list(items)
        } else {
            content = .list([child])
        }
        return child
    }

    func set(_ value: some Encodable, codingPath: [any CodingKey]) throws {
        if let direct = TemplateEncoder.directValue(value) {
            content = .value(direct)
        } else {
            try value.encode(to: SlotEncoder(slot: self, codingPath: codingPath))
        }
    }
}

private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { String(intValue ?? 0) }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct SlotEncoder: Encoder {
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

    mutating func encodeNil(forKey key: Key) throws { slot.field(key.stringValue).content = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try slot.field(key.stringValue).set(value, codingPath: codingPath + [key])
    }

    // The synthesised conformance skips nil optionals through these: record them as `.null` instead.
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encodeOptional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encodeOptional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encodeOptional(value, forKey: key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encodeOptional(value, forKey: key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try encodeOptional(value, forKey: key) }

    private mutating func encodeOptional<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        SlotEncoder(slot: slot.field(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        SlotEncoder(slot: slot.field(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { SlotEncoder(slot: slot.field("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        SlotEncoder(slot: slot.field(key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedSlotContainer: UnkeyedEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]
    var count: Int {
        if case .list(let items) = slot.content { return items.count }
        return 0
    }

    mutating func encodeNil() throws { slot.element().content = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = count
        try slot.element().set(value, codingPath: codingPath + [IndexKey(index)])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        SlotEncoder(slot: slot.element(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        SlotEncoder(slot: slot.element(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { SlotEncoder(slot: slot.element(), codingPath: codingPath) }
}

private struct SingleSlotContainer: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        // Every standard scalar is a direct value, so a wrapper encoding itself as one value ends here, not in a loop.
        try slot.set(value, codingPath: codingPath)
    }
}
