import Testing

@testable import Mail

@Suite struct SearchNormalizerTests {
    @Test func frenchIsLowerCasedWithoutAccents() {
        #expect(SearchNormalizer.normalize("Élève À L'ÉCOLE") == "eleve a l'ecole")
        #expect(SearchNormalizer.normalize("Cœur, Æsop, façade, naïve, Noël, où") == "coeur, aesop, facade, naive, noel, ou")
        #expect(SearchNormalizer.normalize("l’école") == "l'ecole")
        // Decomposed accents (e + U+0301) fold the same as precomposed ones.
        #expect(SearchNormalizer.normalize("e\u{0301}te\u{0301}") == "ete")
        #expect(SearchNormalizer.normalize("İstanbul ŁÓDŹ") == "istanbul lodz")
    }

    @Test func arabicLosesTashkeelAndTatweelAndUnifiesLetterForms() {
        #expect(SearchNormalizer.normalize("مُدِيرِيَّة") == "مديريه")
        #expect(SearchNormalizer.normalize("وزارة الـــصحة") == "وزاره الصحه")
        #expect(SearchNormalizer.normalize("أحمد إبراهيم آمنة ٱلله") == "احمد ابراهيم امنه الله")
        #expect(SearchNormalizer.normalize("مستشفى") == "مستشفي")
        // Alef followed by a combining hamza (decomposed) becomes a plain alef too.
        #expect(SearchNormalizer.normalize("\u{0627}\u{0654}حمد") == "احمد")
    }

    @Test func easternDigitsBecomeAscii() {
        #expect(SearchNormalizer.normalize("رقم ٢٠٢٦/A/٠٠٠١٢٣") == "رقم 2026/a/000123")
        #expect(SearchNormalizer.normalize("۱۲۳") == "123")
    }

    @Test func whiteSpaceCollapsesAndDirectionMarksGo() {
        #expect(SearchNormalizer.normalize("  a \t\n b\u{00A0}c  ") == "a b c")
        #expect(SearchNormalizer.normalize("\u{200F}نص\u{200E}") == "نص")
        #expect(SearchNormalizer.normalize("") == "")
        #expect(SearchNormalizer.normalize(" \u{0651}\u{0640} ") == "")
    }

    @Test func numbersAreFoundWithOrWithoutSpaces() {
        #expect(SearchNormalizer.numberTerms(inText: "Tél : 06 12 34 56 78, dossier 000123") == ["612345678", "6", "12", "34", "56", "78", "123"])
        #expect(SearchNormalizer.numberTerms(inQuery: "0612345678") == ["612345678"])
        #expect(SearchNormalizer.numberTerms(inQuery: "06 12 34 56 78") == ["612345678"])
        #expect(SearchNormalizer.numberTerms(inQuery: "000 123") == ["123"])
        #expect(SearchNormalizer.numberTerms(inQuery: "dossier ٠٠٠١٢٣ du 2026") == ["123", "2026"])
        #expect(SearchNormalizer.numberTerms(inQuery: "0") == ["0"])
        #expect(SearchNormalizer.numberTerms(inQuery: "pas de chiffres") == [])
        #expect(SearchNormalizer.numberTerms(inQuery: String(repeating: "9", count: 21)) == [])
        // A slash or a letter separates numbers; only single spaces join them.
        #expect(SearchNormalizer.numberTerms(inQuery: "2026/A/000123") == ["2026", "123"])
    }

    @Test func registryNumbersAreIndexedByKeyAndSequence() throws {
        let number = try RegistryNumberFormat.standard.number(year: 2026, direction: .incoming, sequence: 123)
        let terms = SearchNormalizer.indexTerms(for: number)
        #expect(terms == ["2026a123", "123"])
        for typed in ["2026/A/000123", "2026 a 123", "2026A000123", "٢٠٢٦/A/٠٠٠١٢٣"] {
            let query = SearchQuery(typed, format: .standard)
            #expect(query.registryKey.map(terms.contains) == true, "\(typed)")
        }
        for typed in ["000123", "123", "000 123"] {
            let query = SearchQuery(typed, format: .standard)
            #expect(query.registryKey == nil)
            #expect(query.numbers == ["123"], "\(typed)")
            #expect(query.numbers.allSatisfy(terms.contains))
        }
    }

    @Test func queriesAreNormalisedAndBounded() {
        let query = SearchQuery("  Réclamation   de M. ALAMI ", format: .standard)
        #expect(query.text == "reclamation de m. alami")
        #expect(query.registryKey == nil && query.numbers.isEmpty)
        #expect(SearchQuery(String(repeating: "a", count: 1000), format: .standard).text.count == SearchQuery.maximumLength)
        #expect(SearchQuery("   ", format: .standard).isEmpty)
    }
}
