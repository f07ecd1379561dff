import Foundation
import KubeAPI

/// Jobs and CronJobs, following `printJob` and `printCronJob`.
enum BatchPrinters {
    /// NAME STATUS COMPLETIONS DURATION AGE | CONTAINERS IMAGES SELECTOR.
    static let jobs = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "Status", type: "string", description: "Status of the job."),
            TableColumn(name: "Completions", type: "string", description: TableDocs.jobStatusSucceeded),
            TableColumn(name: "Duration", type: "string", description: "Time required to complete the job."),
            WorkloadPrinters.ageColumn, WorkloadPrinters.containersColumn, WorkloadPrinters.imagesColumn,
            TableColumn(name: "Selector", type: "string", description: TableDocs.jobSpecSelector, priority: 1),
        ],
        cells: { object, now in
            let spec = object["spec"]
            let (names, images) = TableFields.containerCells(spec?["template"]?["spec"]?["containers"])
            return [
                .string(TableFields.name(object)),
                .string(jobStatus(object)),
                .string(completions(object)),
                .string(duration(object, now: now)),
                TableFields.age(object, now: now),
                .string(names), .string(images),
                .string(TableFields.formatLabelSelector(spec?["selector"])),
            ]
        })

    /// COMPLETIONS: `succeeded/completions`, or `succeeded/1` (`of N` when parallel) without completions.
    static func completions(_ job: JSONValue) -> String {
        let succeeded = TableFields.int(job["status"]?["succeeded"])
        if let completions = job["spec"]?["completions"]?.intValue {
            return "\(succeeded)/\(completions)"
        }
        let parallelism = TableFields.int(job["spec"]?["parallelism"])
        return parallelism > 1 ? "\(succeeded)/1 of \(parallelism)" : "\(succeeded)/1"
    }

    /// DURATION: start to completion, or start to now while running; "" before the job starts.
    static func duration(_ job: JSONValue, now: Date) -> String {
        guard let start = TableTime.date(job["status"]?["startTime"]) else { return "" }
        let end = TableTime.date(job["status"]?["completionTime"]) ?? now
        return TableTime.humanDuration(from: start, to: end)
    }

    /// STATUS: the first true condition among Complete, Failed, (deleting), Suspended,
    /// FailureTarget and SuccessCriteriaMet; `Running` otherwise.
    static func jobStatus(_ job: JSONValue) -> String {
        let conditions = job["status"]?["conditions"]
        func holds(_ type: String) -> Bool {
            TableFields.condition(conditions, type: type).map { TableFields.string($0["status"]) == "True" } ?? false
        }
        if holds("Complete") { return "Complete" }
        if holds("Failed") { return "Failed" }
        if TableFields.isSet(job["metadata"]?["deletionTimestamp"]) { return "Terminating" }
        if holds("Suspended") { return "Suspended" }
        if holds("FailureTarget") { return "FailureTarget" }
        if holds("SuccessCriteriaMet") { return "SuccessCriteriaMet" }
        return "Running"
    }

    /// NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE | CONTAINERS IMAGES SELECTOR.
    static let cronJobs = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            TableColumn(name: "Schedule", type: "string", description: TableDocs.cronJobSpecSchedule),
            TableColumn(name: "Timezone", type: "string", description: TableDocs.cronJobSpecTimeZone),
            TableColumn(name: "Suspend", type: "boolean", description: TableDocs.cronJobSpecSuspend),
            TableColumn(name: "Active", type: "integer", description: TableDocs.cronJobStatusActive),
            TableColumn(name: "Last Schedule", type: "string", description: TableDocs.cronJobStatusLastScheduleTime),
            WorkloadPrinters.ageColumn, WorkloadPrinters.containersColumn, WorkloadPrinters.imagesColumn,
            TableColumn(name: "Selector", type: "string", description: TableDocs.jobSpecSelector, priority: 1),
        ],
        cells: { object, now in
            let spec = object["spec"]
            let jobSpec = spec?["jobTemplate"]?["spec"]
            let (names, images) = TableFields.containerCells(jobSpec?["template"]?["spec"]?["containers"])
            let suspend: String
            switch spec?["suspend"]?.boolValue {
            case .some(true): suspend = "True"
            case .some(false): suspend = "False"
            case .none: suspend = "<unset>"
            }
            let lastSchedule = object["status"]?["lastScheduleTime"]
            return [
                .string(TableFields.name(object)),
                .string(TableFields.string(spec?["schedule"])),
                .string(spec?["timeZone"]?.stringValue ?? "<none>"),
                .string(suspend),
                .int(Int64(TableFields.array(object["status"]?["active"]).count)),
                .string(TableFields.isSet(lastSchedule) ? TableTime.since(lastSchedule, now: now) : "<none>"),
                TableFields.age(object, now: now),
                .string(names), .string(images),
                .string(TableFields.formatLabelSelector(jobSpec?["selector"])),
            ]
        })
}
