import Foundation
import KubeAPI

/// Events (core/v1 and events.k8s.io/v1), following `printEvent`:
/// LAST SEEN TYPE REASON OBJECT MESSAGE | SUBOBJECT SOURCE FIRST SEEN COUNT NAME.
enum EventPrinter {
    static let columns: [TableColumn] = [
        TableColumn(name: "Last Seen", type: "string", description: TableDocs.eventLastTimestamp),
        TableColumn(name: "Type", type: "string", description: TableDocs.eventType),
        TableColumn(name: "Reason", type: "string", description: TableDocs.eventReason),
        TableColumn(name: "Object", type: "string", description: TableDocs.eventInvolvedObject),
        TableColumn(name: "Subobject", type: "string", description: TableDocs.objectReferenceFieldPath, priority: 1),
        TableColumn(name: "Source", type: "string", description: TableDocs.eventSource, priority: 1),
        TableColumn(name: "Message", type: "string", description: TableDocs.eventMessage),
        TableColumn(name: "First Seen", type: "string", description: TableDocs.eventFirstTimestamp, priority: 1),
        TableColumn(name: "Count", type: "string", description: TableDocs.eventCount, priority: 1),
        TableColumn(
            name: "Name", type: "string", format: "name", description: TableDocs.objectMetaName, priority: 1),
    ]

    /// core/v1 Events.
    static let coreEvents = TablePrinter(
        columns: columns, cells: { event, now in cells(Fields(core: event), now: now) })

    /// events.k8s.io/v1 Events, read through their conversion to core/v1 field names.
    static let eventsV1 = TablePrinter(columns: columns, cells: { event, now in cells(Fields(v1: event), now: now) })

    /// The fields `printEvent` reads, whichever API version the event is stored in.
    struct Fields {
        var name: String
        var type: String
        var reason: String
        var message: String
        var involvedObject: JSONValue?
        var source: JSONValue?
        var reportingController: String
        var reportingInstance: String
        var firstTimestamp: JSONValue?
        var lastTimestamp: JSONValue?
        var eventTime: JSONValue?
        var count: Int64
        var series: JSONValue?

        /// A core/v1 Event.
        init(core e: JSONValue) {
            name = TableFields.name(e)
            type = TableFields.string(e["type"])
            reason = TableFields.string(e["reason"])
            message = TableFields.string(e["message"])
            involvedObject = e["involvedObject"]
            source = e["source"]
            reportingController = TableFields.string(e["reportingComponent"])
            reportingInstance = TableFields.string(e["reportingInstance"])
            firstTimestamp = e["firstTimestamp"]
            lastTimestamp = e["lastTimestamp"]
            eventTime = e["eventTime"]
            count = TableFields.int(e["count"])
            series = e["series"]
        }

        /// An events.k8s.io/v1 Event.
        init(v1 e: JSONValue) {
            name = TableFields.name(e)
            type = TableFields.string(e["type"])
            reason = TableFields.string(e["reason"])
            message = TableFields.string(e["note"])
            involvedObject = e["regarding"]
            source = e["deprecatedSource"]
            reportingController = TableFields.string(e["reportingController"])
            reportingInstance = TableFields.string(e["reportingInstance"])
            firstTimestamp = e["deprecatedFirstTimestamp"]
            lastTimestamp = e["deprecatedLastTimestamp"]
            eventTime = e["eventTime"]
            count = TableFields.int(e["deprecatedCount"])
            series = e["series"]
        }
    }

    static func cells(_ e: Fields, now: Date) -> [JSONValue] {
        var firstSeen = TableTime.since(e.firstTimestamp, now: now)
        if TableTime.date(e.firstTimestamp) == nil { firstSeen = TableTime.since(e.eventTime, now: now) }
        var lastSeen = TableTime.since(e.lastTimestamp, now: now)
        if TableTime.date(e.lastTimestamp) == nil { lastSeen = firstSeen }
        var count = e.count
        if TableFields.isSet(e.series) {
            lastSeen = TableTime.since(e.series?["lastObservedTime"], now: now)
            count = TableFields.int(e.series?["count"])
        } else if count == 0 {
            // Singleton events of the new API carry no count.
            count = 1
        }
        let kind = TableFields.string(e.involvedObject?["kind"]).lowercased()
        let objectName = TableFields.string(e.involvedObject?["name"])
        let target = objectName.isEmpty ? kind : "\(kind)/\(objectName)"
        return [
            .string(lastSeen),
            .string(e.type),
            .string(e.reason),
            .string(target),
            .string(TableFields.string(e.involvedObject?["fieldPath"])),
            .string(source(e)),
            .string(e.message.trimmingCharacters(in: .whitespacesAndNewlines)),
            .string(firstSeen),
            .int(count),
            .string(e.name),
        ]
    }

    /// SOURCE: `component, host`, falling back to the reporting controller and instance.
    static func source(_ e: Fields) -> String {
        var component = TableFields.string(e.source?["component"])
        if component.isEmpty { component = e.reportingController }
        var host = TableFields.string(e.source?["host"])
        if host.isEmpty { host = e.reportingInstance }
        return host.isEmpty ? component : "\(component), \(host)"
    }
}
