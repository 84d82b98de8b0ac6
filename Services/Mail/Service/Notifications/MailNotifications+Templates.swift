import GuichetCore
import GuichetNotifications

extension MailNotifications {
    /// The acknowledgement of receipt as an email: the law's four facts (number, registration date,
    /// responsible unit, due date) and the reference (SHA-256) of the stored acknowledgement, in the
    /// acknowledgement's language. Tenants may reword it; the four facts stay required.
    static let acknowledgement = TemplateDefinition(
        name: "mail.acknowledgement", medium: .email, requiredVariables: Acknowledgement.EmailVariable.required,
        optionalVariables: Acknowledgement.EmailVariable.optional,
        defaults: [
            .fr: NotificationTemplate(
                subject: "Accusé de réception de votre courrier — {{registry_number}}",
                text: """
                    Bonjour,

                    {{tenant_name}} accuse réception de votre courrier « {{subject}} ».

                    N° d'enregistrement : {{registry_number}}
                    Reçu le : {{received_at}}
                    Enregistré le : {{registered_at}}
                    Service chargé du traitement : {{responsible_unit}}
                    Délai de réponse : {{due_date}}

                    Ce récépissé est délivré conformément à la loi n° 55-19 relative à la simplification des procédures et formalités administratives. Rappelez le numéro d'enregistrement dans toute correspondance.

                    Référence de l'accusé de réception (SHA-256) : {{acknowledgement_sha256}}

                    Ce message est envoyé automatiquement, merci de ne pas y répondre.
                    """,
                html: """
                    <p>Bonjour,</p>
                    <p>{{tenant_name}} accuse réception de votre courrier « {{subject}} ».</p>
                    <table style="border-collapse: collapse;">
                    <tr><th style="text-align: start; padding: 4px 12px 4px 0;">N° d'enregistrement</th><td><strong>{{registry_number}}</strong></td></tr>
                    <tr><th style="text-align: start; padding: 4px 12px 4px 0;">Reçu le</th><td>{{received_at}}</td></tr>
                    <tr><th style="text-align: start; padding: 4px 12px 4px 0;">Enregistré le</th><td>{{registered_at}}</td></tr>
                    <tr><th style="text-align: start; padding: 4px 12px 4px 0;">Service chargé du traitement</th><td>{{responsible_unit}}</td></tr>
                    <tr><th style="text-align: start; padding: 4px 12px 4px 0;">Délai de réponse</th><td>{{due_date}}</td></tr>
                    </table>
                    <p>Ce récépissé est délivré conformément à la loi n° 55-19 relative à la simplification des procédures et formalités administratives. Rappelez le numéro d'enregistrement dans toute correspondance.</p>
                    <p style="color: #666; font-size: 12px;">Référence de l'accusé de réception (SHA-256) : <code>{{acknowledgement_sha256}}</code></p>
                    <p style="color: #666; font-size: 13px;">Ce message est envoyé automatiquement, merci de ne pas y répondre.</p>
                    """),
            .ar: NotificationTemplate(
                subject: "وصل استلام مراسلتكم — {{registry_number}}",
                text: """
                    مرحبًا،

                    تشهد {{tenant_name}} باستلام مراسلتكم «{{subject}}».

                    رقم التسجيل: {{registry_number}}
                    تاريخ التوصل: {{received_at}}
                    تاريخ التسجيل: {{registered_at}}
                    المصلحة المكلفة بالمعالجة: {{responsible_unit}}
                    أجل الرد: {{due_date}}

                    سُلِّم هذا الوصل طبقًا للقانون رقم 55.19 المتعلق بتبسيط المساطر والإجراءات الإدارية. يرجى ذكر رقم التسجيل في كل مراسلة.

                    مرجع وصل الاستلام (SHA-256): {{acknowledgement_sha256}}

                    هذه رسالة آلية، يرجى عدم الرد عليها.
                    """,
                html: """
                    <p>مرحبًا،</p>
                    <p>تشهد {{tenant_name}} باستلام مراسلتكم «{{subject}}».</p>
                    <table style="border-collapse: collapse;">
                    <tr><th style="text-align: start; padding: 4px 0 4px 12px;">رقم التسجيل</th><td><strong><bdi dir="ltr">{{registry_number}}</bdi></strong></td></tr>
                    <tr><th style="text-align: start; padding: 4px 0 4px 12px;">تاريخ التوصل</th><td>{{received_at}}</td></tr>
                    <tr><th style="text-align: start; padding: 4px 0 4px 12px;">تاريخ التسجيل</th><td>{{registered_at}}</td></tr>
                    <tr><th style="text-align: start; padding: 4px 0 4px 12px;">المصلحة المكلفة بالمعالجة</th><td>{{responsible_unit}}</td></tr>
                    <tr><th style="text-align: start; padding: 4px 0 4px 12px;">أجل الرد</th><td>{{due_date}}</td></tr>
                    </table>
                    <p>سُلِّم هذا الوصل طبقًا للقانون رقم 55.19 المتعلق بتبسيط المساطر والإجراءات الإدارية. يرجى ذكر رقم التسجيل في كل مراسلة.</p>
                    <p style="color: #666; font-size: 12px;">مرجع وصل الاستلام (SHA-256): <code dir="ltr">{{acknowledgement_sha256}}</code></p>
                    <p style="color: #666; font-size: 13px;">هذه رسالة آلية، يرجى عدم الرد عليها.</p>
                    """),
            .en: NotificationTemplate(
                subject: "Acknowledgement of receipt of your mail — {{registry_number}}",
                text: """
                    Hello,

                    {{tenant_name}} acknowledges receipt of your mail "{{subject}}".

                    Registry number: {{registry_number}}
                    Received on: {{received_at}}
                    Registered on: {{registered_at}}
                    Unit responsible: {{responsible_unit}}
                    Reply due: {{due_date}}

                    This acknowledgement is issued under Law No. 55-19 on the simplification of administrative procedures and formalities. Quote the registry number in any correspondence.

                    Reference of the acknowledgement (SHA-256): {{acknowledgement_sha256}}

                    This message is sent automatically; please do not reply to it.
                    """,
                html: """
                    <p>Hello,</p>
                    <p>{{tenant_name}} acknowledges receipt of your mail "{{subject}}".</p>
                    <table style="border-collapse: collapse;">
                    <tr><th style="text-align: start; padding: 4px 12px 4px 0;">Registry number</th><td><strong>{{registry_number}}</strong></td></tr>
                    <tr><th style="text-align: start; padding: 4px 12px 4px 0;">Received on</th><td>{{received_at}}</td></tr>
                    <tr><th style="text-align: start; padding: 4px 12px 4px 0;">Registered on</th><td>{{registered_at}}</td></tr>
                    <tr><th style="text-align: start; padding: 4px 12px 4px 0;">Unit responsible</th><td>{{responsible_unit}}</td></tr>
                    <tr><th style="text-align: start; padding: 4px 12px 4px 0;">Reply due</th><td>{{due_date}}</td></tr>
                    </table>
                    <p>This acknowledgement is issued under Law No. 55-19 on the simplification of administrative procedures and formalities. Quote the registry number in any correspondence.</p>
                    <p style="color: #666; font-size: 12px;">Reference of the acknowledgement (SHA-256): <code>{{acknowledgement_sha256}}</code></p>
                    <p style="color: #666; font-size: 13px;">This message is sent automatically; please do not reply to it.</p>
                    """),
        ])
}
