public import GuichetCore

extension AppointmentCalendarEvent {
    /// The event for a booking, its texts in `language`: the service and site as summary, the
    /// site's name and address as location, and a description with the booking code, the
    /// documents to bring and how to cancel; reminders become alarms.
    public init(
        booking: Booking, service: AppointmentService, site: Site, language: Language,
        reminders: ReminderSchedule = .standard, sequence: Int = 0
    ) {
        let serviceName = service.name.text(in: language)
        let siteName = site.name.text(in: language)
        var lines = [AppointmentCalendarEvent.codeLabel.text(in: language) + booking.code.displayed]
        if let documents = service.requiredDocuments?.text(in: language), !documents.isBlank {
            lines.append(AppointmentCalendarEvent.documentsLabel.text(in: language) + documents)
        }
        lines.append(AppointmentCalendarEvent.cancelHint.text(in: language))
        self.init(
            bookingID: booking.id, start: booking.start, end: booking.end, summary: serviceName + " — " + siteName,
            location: siteName + ", " + site.address.text(in: language), description: lines.joined(separator: "\n"),
            geo: site.location, isCancelled: booking.status == .cancelled, sequence: sequence, alarms: reminders.offsets,
            language: language)
    }

    static let codeLabel = LocalizedText(fr: "Code de réservation : ", ar: "رمز الحجز: ", en: "Booking code: ")
    static let documentsLabel = LocalizedText(fr: "Documents à apporter : ", ar: "الوثائق المطلوبة: ", en: "Documents to bring: ")
    static let cancelHint = LocalizedText(
        fr: "Pour annuler ou déplacer ce rendez-vous, munissez-vous de ce code et de votre téléphone ou e-mail.",
        ar: "لإلغاء هذا الموعد أو تغييره، استعمل هذا الرمز ورقم هاتفك أو بريدك الإلكتروني.",
        en: "To cancel or move this appointment, use this code and your phone number or email address.")
}
