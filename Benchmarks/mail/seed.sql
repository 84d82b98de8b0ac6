-- Seeds registered mail for `make bench` (scripts/bench.sh, the mail part), as the owner role, with
-- the tenant set as the service sets it (row-level security is forced on the owner too). psql
-- variables:
--   tenant  the tenant's uuid
--   count   how many items
--
-- The items are the registry of the three years before this one (2023–2025 when run in 2026), a
-- third each, numbered per direction and year as the service numbers them (70 % incoming `A`, 20 %
-- outgoing `D`, 10 % internal `I`), registered evenly through the year; the tenant's counters of
-- those years end at the last numbers, so registrations of this year never meet them.
--
-- Subjects come from 16 everyday topics of a commune's mail office, a few far more often than the
-- rest (topic = 16·r², r uniform), written in French (45 %), in Arabic (35 %) or in both (20 %),
-- with one of 12 cities and a reference number; correspondents are people (600 names in each
-- script) and organisations; 30 % of the items have the text extracted from a scanned document
-- (search_extra: three sentences). Statuses: registered 5 %, routed 10 %, in progress 10 %,
-- answered 10 %, closed 60 %, archived 5 %.
--
-- What the service writes that this seed does not: registry_entries and the audit chain (the
-- search reads mail.items alone); the workflow's history. Texts are stored already normalised
-- (SearchNormalizer.words: lower case, no French accents, Arabic without tashkeel, ة as ه, أ as ا),
-- the subject too, and search_fields and search_terms are built as StoredItem.searchFields builds
-- them: the registry number, the subject, the document type, the correspondent's name and email,
-- the reference; the number terms are the registry search key, the sequence and the reference's
-- digits.
\set ON_ERROR_STOP on
BEGIN;
SELECT set_config('app.tenant_id', :'tenant', true);
CREATE TEMPORARY TABLE seed_words ON COMMIT DROP AS SELECT
    ARRAY['demande de permis de construire', 'reclamation relative a la facture d eau',
          'demande d attestation administrative', 'invitation a la reunion du conseil communal',
          'transmission du budget previsionnel', 'demande de subvention pour une association',
          'plainte contre le bruit nocturne', 'demande de raccordement au reseau d electricite',
          'rapport d inspection sanitaire', 'demande de certificat de residence',
          'convocation de la commission technique', 'demande d autorisation d occupation du domaine public',
          'signalement d un eclairage public defectueux', 'demande de mutation du personnel',
          'appel d offres pour les travaux de voirie', 'demande de legalisation de signature'] AS topics_fr,
    ARRAY['طلب رخصه البناء', 'شكايه بخصوص فاتوره الماء', 'طلب شهاده اداريه', 'دعوه لاجتماع المجلس الجماعي',
          'ارسال الميزانيه التوقعيه', 'طلب دعم لفائده جمعيه', 'شكايه ضد الضجيج الليلي', 'طلب الربط بشبكه الكهرباء',
          'تقرير التفتيش الصحي', 'طلب شهاده السكني', 'استدعاء اللجنه التقنيه', 'طلب رخصه الاحتلال المؤقت للملك العمومي',
          'تبليغ عن عطب في الاناره العموميه', 'طلب انتقال الموظفين', 'طلب عروض لاشغال الطرق', 'طلب تصحيح الامضاء'] AS topics_ar,
    ARRAY['casablanca', 'rabat', 'fes', 'marrakech', 'tanger', 'agadir', 'meknes', 'oujda', 'kenitra', 'tetouan', 'safi', 'el jadida'] AS cities_fr,
    ARRAY['الدار البيضاء', 'الرباط', 'فاس', 'مراكش', 'طنجه', 'اكادير', 'مكناس', 'وجده', 'القنيطره', 'تطوان', 'اسفي', 'الجديده'] AS cities_ar,
    ARRAY['mohammed', 'fatima', 'ahmed', 'khadija', 'youssef', 'aicha', 'omar', 'nadia', 'hassan', 'salma',
          'karim', 'meryem', 'rachid', 'imane', 'said', 'hind', 'mustapha', 'laila', 'abdellah', 'samira'] AS first_fr,
    ARRAY['محمد', 'فاطمه', 'احمد', 'خديجه', 'يوسف', 'عائشه', 'عمر', 'ناديه', 'حسن', 'سلمي',
          'كريم', 'مريم', 'رشيد', 'ايمان', 'سعيد', 'هند', 'مصطفي', 'ليلي', 'عبد الله', 'سميره'] AS first_ar,
    ARRAY['alaoui', 'bennani', 'tazi', 'el idrissi', 'berrada', 'chraibi', 'fassi fihri', 'lahlou', 'benjelloun', 'amrani',
          'el ouafi', 'zniber', 'kettani', 'sqalli', 'bouzidi', 'el khatib', 'ouazzani', 'mernissi', 'sefrioui', 'guessous',
          'naciri', 'belkadi', 'hajji', 'el mansouri', 'rami', 'essaidi', 'boukili', 'tahiri', 'skalli', 'jettou'] AS last_fr,
    ARRAY['العلوي', 'بناني', 'التازي', 'الادريسي', 'براده', 'الشرايبي', 'الفاسي الفهري', 'لحلو', 'بنجلون', 'العمراني',
          'الوافي', 'زنيبر', 'الكتاني', 'الصقلي', 'البوزيدي', 'الخطيب', 'الوزاني', 'المرنيسي', 'الصفريوي', 'كسوس',
          'الناصري', 'بلقاضي', 'الحاجي', 'المنصوري', 'رامي', 'السعيدي', 'البوكيلي', 'الطاهري', 'السقلي', 'جطو'] AS last_ar,
    ARRAY['ministere de l interieur', 'wilaya de la region', 'agence urbaine', 'regie autonome de distribution',
          'association al amal', 'cooperative agricole annour', 'societe atlas travaux', 'tresorerie provinciale',
          'وزاره الداخليه', 'الوكاله الحضريه', 'جمعيه الامل', 'المديريه الاقليميه للتجهيز'] AS organisations,
    ARRAY['suite a notre entretien nous vous prions de bien vouloir trouver ci joint les pieces demandees',
          'le dossier a ete depose au guichet unique et reste en attente de l avis de la commission',
          'nous sollicitons votre intervention afin de regler ce probleme dans les meilleurs delais',
          'veuillez agreer monsieur le president l expression de notre haute consideration',
          'les travaux de refection de la chaussee ont ete retardes par les intemperies',
          'le montant de la facture ne correspond pas a la consommation reelle du compteur',
          'يشرفني ان اتقدم الي سيادتكم بطلبي هذا من اجل الحصول علي الوثيقه المطلوبه',
          'نرجو منكم التدخل العاجل لحل هذا المشكل الذي يعاني منه سكان الحي',
          'وتفضلوا بقبول فائق عبارات التقدير والاحترام',
          'تم ايداع الملف لدي الشباك الوحيد في انتظار راي اللجنه',
          'المرجو موافاتنا بنسخه من محضر المعاينه',
          'الاشغال متوقفه منذ عده اشهر بسبب غياب المقاول'] AS sentences;

INSERT INTO mail.items (
    tenant_id, id, direction, year, sequence, registry_number, registered_at, registered_by, subject, correspondent,
    document_type, medium, priority, confidentiality, received_at, sent_at, reference, status, workflow,
    due_on, closed_on, search_fields, search_extra, search_terms, updated_at)
SELECT
    :'tenant'::uuid, gen_random_uuid(), n.direction, n.year, n.sequence, n.number, n.registered_at,
    'bench-registrar', s.subject,
    jsonb_build_object('contact_id', gen_random_uuid(), 'kind', c.kind, 'name', c.name)
        || CASE WHEN c.email IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('email', c.email) END,
    CASE WHEN n.direction = 'outgoing' THEN 'reponse' ELSE 'demande' END,
    (ARRAY['paper', 'paper', 'email', 'hand_delivered'])[1 + g % 4],
    CASE WHEN g % 20 = 0 THEN 'urgent' ELSE 'normal' END, 'normal',
    CASE WHEN n.direction = 'incoming' THEN n.registered_at - interval '1 day' END,
    CASE WHEN n.direction <> 'incoming' THEN n.registered_at END,
    s.reference, st.status,
    jsonb_build_object('status', st.status, 'replyRequired', n.direction = 'incoming', 'opinionCircuits', '[]'::jsonb,
                       'approvalCircuits', '[]'::jsonb, 'replies', '[]'::jsonb, 'history', '[]'::jsonb),
    CASE WHEN n.direction = 'incoming' THEN (n.registered_at + interval '28 days')::date END,
    CASE WHEN st.status IN ('closed', 'archived') THEN (n.registered_at + interval '20 days')::date END,
    concat_ws(' ', n.year || ' ' || lower(n.code) || ' ' || lpad(n.sequence::text, 6, '0'), s.subject,
              CASE WHEN n.direction = 'outgoing' THEN 'reponse' ELSE 'demande' END, c.name, c.email_words, s.reference),
    CASE WHEN x.has_text THEN concat_ws(' ', w.sentences[1 + (g * 7) % 12], w.sentences[1 + (g * 5 + 3) % 12],
                                        w.sentences[1 + (g * 11 + 6) % 12]) ELSE '' END,
    ARRAY[n.year || lower(n.code) || n.sequence, n.sequence::text, s.reference_digits],
    n.registered_at + interval '20 days'
FROM generate_series(1, :count) AS g
CROSS JOIN seed_words w
CROSS JOIN LATERAL (SELECT greatest(1, (:count + 2) / 3) AS per_year) p
CROSS JOIN LATERAL (
    SELECT random() AS topic_r, random() AS script_r, random() AS status_r, random() < 0.3 AS has_text,
           1 + (random() * 11)::int AS city, 1 + (random() * 19)::int AS first_name, 1 + (random() * 29)::int AS last_name,
           random() < 0.2 AS organisation, 1 + (random() * 11)::int AS organisation_number, (1000 + random() * 98999)::int AS reference,
           g AS row_number) x  -- (g makes it run once per row)
CROSS JOIN LATERAL (
    SELECT extract(year FROM now() AT TIME ZONE 'Africa/Casablanca')::int - 3 + least(2, (g - 1) / p.per_year) AS year,
           (g - 1) % p.per_year AS k) y
CROSS JOIN LATERAL (
    SELECT y.year, d.direction, d.code, d.sequence,
           y.year || '/' || d.code || '/' || lpad(d.sequence::text, 6, '0') AS number,
           make_timestamptz(y.year, 1, 1, 8, 0, 0, 'Africa/Casablanca') + y.k * (interval '365 days' / p.per_year) AS registered_at
    FROM (SELECT CASE WHEN y.k % 10 < 7 THEN 'incoming' WHEN y.k % 10 < 9 THEN 'outgoing' ELSE 'internal' END AS direction,
                 CASE WHEN y.k % 10 < 7 THEN 'A' WHEN y.k % 10 < 9 THEN 'D' ELSE 'I' END AS code,
                 CASE WHEN y.k % 10 < 7 THEN (y.k / 10) * 7 + y.k % 10 + 1
                      WHEN y.k % 10 < 9 THEN (y.k / 10) * 2 + y.k % 10 - 6
                      ELSE y.k / 10 + 1 END AS sequence) d) n
CROSS JOIN LATERAL (
    SELECT CASE WHEN x.script_r < 0.45 THEN w.topics_fr[t.topic] || ' ' || w.cities_fr[x.city]
                WHEN x.script_r < 0.80 THEN w.topics_ar[t.topic] || ' ' || w.cities_ar[x.city]
                ELSE w.topics_fr[t.topic] || ' ' || w.cities_fr[x.city] || ' ' || w.topics_ar[t.topic] || ' ' || w.cities_ar[x.city]
           END || ' n ' || x.reference AS subject,
           'ref ' || x.reference AS reference, x.reference::text AS reference_digits
    FROM (SELECT 1 + floor(16 * x.topic_r * x.topic_r)::int AS topic) t) s
CROSS JOIN LATERAL (
    SELECT CASE WHEN x.organisation THEN 'organisation' ELSE 'person' END AS kind,
           CASE WHEN x.organisation THEN w.organisations[x.organisation_number]
                WHEN x.script_r < 0.45 THEN w.first_fr[x.first_name] || ' ' || w.last_fr[x.last_name]
                ELSE w.first_ar[x.first_name] || ' ' || w.last_ar[x.last_name] END AS name,
           CASE WHEN NOT x.organisation AND g % 3 = 0
                THEN replace(w.first_fr[x.first_name], ' ', '') || '.' || replace(w.last_fr[x.last_name], ' ', '') || '@example.ma' END AS email,
           CASE WHEN NOT x.organisation AND g % 3 = 0
                THEN replace(w.first_fr[x.first_name], ' ', '') || ' ' || replace(w.last_fr[x.last_name], ' ', '') || ' example ma'
           END AS email_words) c
CROSS JOIN LATERAL (
    SELECT CASE WHEN x.status_r < 0.05 THEN 'registered' WHEN x.status_r < 0.15 THEN 'routed'
                WHEN x.status_r < 0.25 THEN 'in_progress' WHEN x.status_r < 0.35 THEN 'answered'
                WHEN x.status_r < 0.95 THEN 'closed' ELSE 'archived' END AS status) st;

INSERT INTO mail.registry_counters (tenant_id, direction, year, last_sequence, last_registered_at)
SELECT :'tenant', direction, year, max(sequence), max(registered_at)
FROM mail.items WHERE tenant_id = :'tenant' AND registered_by = 'bench-registrar'
GROUP BY direction, year
ON CONFLICT (tenant_id, direction, year) DO UPDATE
    SET last_sequence = greatest(mail.registry_counters.last_sequence, excluded.last_sequence),
        last_registered_at = greatest(mail.registry_counters.last_registered_at, excluded.last_registered_at);
COMMIT;
