import GuichetCore

/// The roles a tenant administrator can grant (`GuichetCore.Roles`), with what each allows, in
/// the three languages, for administration screens.
enum RoleCatalog {
    static let roles: [AdministrationViews.Role] = [
        role(Roles.complaintsHandler, "complaints",
             LocalizedText(fr: "Traite les réclamations de ses unités (accusé, orientation, réponse).",
                           ar: "يعالج شكايات وحداته (الإشعار بالتوصل، التوجيه، الجواب).",
                           en: "Handles the complaints of their units (acknowledge, route, answer).")),
        role(Roles.complaintsSupervisor, "complaints",
             LocalizedText(fr: "Supervise les agents, reçoit les alertes d'échéance, clôt et fusionne.",
                           ar: "يشرف على الأعوان، ويتلقى تنبيهات الآجال، ويغلق ويدمج.",
                           en: "Oversees handlers, gets deadline alerts, closes and merges.")),
        role(Roles.appointmentsDesk, "appointments",
             LocalizedText(fr: "Prend les rendez-vous au guichet et au téléphone, gère la file d'attente.",
                           ar: "يحجز المواعيد في الشباك وعبر الهاتف، ويدير صف الانتظار.",
                           en: "Books for callers and visitors, runs the desk and the queue.")),
        role(Roles.appointmentsManager, "appointments",
             LocalizedText(fr: "Configure sites, prestations, guichets et horaires ; peut déroger aux règles.",
                           ar: "يُعدّ المواقع والخدمات والشبابيك والمواقيت؛ ويمكنه تجاوز القواعد.",
                           en: "Configures sites, services, counters and schedules; may override rules.")),
        role(Roles.mailRegistrar, "mail",
             LocalizedText(fr: "Enregistre le courrier entrant, sortant et interne (bureau d'ordre).",
                           ar: "يسجل البريد الوارد والصادر والداخلي (مكتب الضبط).",
                           en: "Registers incoming, outgoing and internal mail (bureau d'ordre).")),
        role(Roles.mailProcessor, "mail",
             LocalizedText(fr: "Traite le courrier orienté vers ses unités (avis, réponses).",
                           ar: "يعالج البريد الموجه إلى وحداته (آراء، أجوبة).",
                           en: "Processes mail routed to their units (opinions, replies).")),
        role(Roles.mailSupervisor, "mail",
             LocalizedText(fr: "Vise et signe ; supervise le registre.",
                           ar: "يؤشر ويوقع؛ ويشرف على السجل.",
                           en: "Approves (visa, signature) and supervises the registry.")),
    ]

    private static func role(_ name: String, _ service: String, _ description: LocalizedText) -> AdministrationViews.Role {
        AdministrationViews.Role(role: name, service: service, description: AdministrationViews.Names(description))
    }
}
