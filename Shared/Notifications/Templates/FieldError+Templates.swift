import GuichetCore

// The field errors of template validation, with messages in French, Arabic and English.

extension FieldError {
    /// `template_syntax`: a `{{` without `}}`, a stray `}}`, or a malformed variable name.
    public static func templateSyntax(_ field: String, _ error: TemplateSyntaxError) -> FieldError {
        FieldError(
            field: field, code: "template_syntax",
            message: LocalizedText(
                fr: "Le modèle est mal formé près de « \(error.near) » : chaque variable s'écrit {{nom}}.",
                ar: "القالب غير صحيح قرب «\(error.near)»: تُكتب كل متغيرة على شكل {{nom}}.",
                en: "The template is malformed near \"\(error.near)\": each variable is written {{name}}."),
            parameters: ["reason": .string(error.reason.rawValue), "near": .string(error.near)])
    }

    /// `unknown_variable`: the template uses a variable this notification does not have.
    public static func unknownVariable(_ field: String, name: String, allowed: Set<String>) -> FieldError {
        let list = allowed.sorted().joined(separator: ", ")
        return FieldError(
            field: field, code: "unknown_variable",
            message: LocalizedText(
                fr: "La variable {{\(name)}} n'existe pas pour cette notification (variables possibles : \(list)).",
                ar: "المتغيرة {{\(name)}} غير موجودة لهذا الإشعار (المتغيرات الممكنة: \(list)).",
                en: "The variable {{\(name)}} does not exist for this notification (variables: \(list))."),
            parameters: ["variable": .string(name), "allowed": .array(allowed.sorted().map(JSONValue.string))])
    }

    /// `missing_variable`: the template leaves out a variable it must contain.
    public static func missingVariable(_ field: String, name: String) -> FieldError {
        FieldError(
            field: field, code: "missing_variable",
            message: LocalizedText(
                fr: "Le modèle doit contenir la variable {{\(name)}}.",
                ar: "يجب أن يتضمن القالب المتغيرة {{\(name)}}.",
                en: "The template must contain the variable {{\(name)}}."),
            parameters: ["variable": .string(name)])
    }
}
