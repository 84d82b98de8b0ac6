/// The roles agents hold, per service: one list, so that the identity work that grants them and
/// the services that check them spell them the same way.
public enum Roles {
    /// Complaints: handles complaints of their units (acknowledge, route, answer).
    public static let complaintsHandler = "complaints.handler"
    /// Complaints: oversees handlers, gets deadline alerts, closes and merges.
    public static let complaintsSupervisor = "complaints.supervisor"
    /// Appointments: books for callers and visitors, runs the desk and the queue.
    public static let appointmentsDesk = "appointments.desk"
    /// Appointments: configures sites, services, counters and schedules; may override rules.
    public static let appointmentsManager = "appointments.manager"
    /// Mail: registers incoming, outgoing and internal mail (bureau d'ordre).
    public static let mailRegistrar = "mail.registrar"
    /// Mail: processes mail routed to their units (opinions, replies).
    public static let mailProcessor = "mail.processor"
    /// Mail: approves (visa, signature) and supervises the registry.
    public static let mailSupervisor = "mail.supervisor"

    /// Every role, for validation of grants.
    public static let all: Set<String> = [
        complaintsHandler, complaintsSupervisor, appointmentsDesk, appointmentsManager, mailRegistrar, mailProcessor,
        mailSupervisor,
    ]
}
