import Testing
import GuichetCore

@Suite struct GeoPointTests {
    @Test func geoPointsCheckRangesAndMeasureDistances() throws {
        #expect(GeoPoint(latitude: 90, longitude: 180) != nil)
        #expect(GeoPoint(latitude: -90, longitude: -180) != nil)
        #expect(GeoPoint(latitude: 90.000_001, longitude: 0) == nil)
        #expect(GeoPoint(latitude: 0, longitude: -180.5) == nil)
        #expect(GeoPoint(latitude: .nan, longitude: 0) == nil)
        #expect(GeoPoint(latitude: 0, longitude: .infinity) == nil)
        let casablanca = try #require(GeoPoint(latitude: 33.5731, longitude: -7.5898))
        let rabat = try #require(GeoPoint(latitude: 34.0209, longitude: -6.8416))
        #expect(abs(casablanca.distance(to: rabat) - 85_201) < 1)
        #expect(casablanca.distance(to: casablanca) == 0)
        #expect(abs(casablanca.distance(to: rabat) - rabat.distance(to: casablanca)) < 1e-6)
        // A thousandth of a degree of latitude is about 111 metres.
        let north = try #require(GeoPoint(latitude: 33.5741, longitude: -7.5898))
        #expect(abs(casablanca.distance(to: north) - 111.2) < 0.5)
        // Antipodes: half the circumference, without a NaN.
        let a = try #require(GeoPoint(latitude: 0, longitude: 0))
        let b = try #require(GeoPoint(latitude: 0, longitude: 180))
        #expect(abs(a.distance(to: b) - Double.pi * GeoPoint.earthRadius) < 1)
    }

    @Test func parsingReportsEachCoordinateOutOfRange() throws {
        var errors: [FieldError] = []
        let point = GeoPoint.parse(
            latitude: 91, longitude: .nan, latitudeField: "/location/latitude", longitudeField: "/location/longitude", errors: &errors)
        #expect(point == nil)
        #expect(errors.map { "\($0.field) \($0.code)" } == ["/location/latitude out_of_range", "/location/longitude out_of_range"])
        #expect(errors.first?.parameters["maximum"] == .number(90))
        errors = []
        #expect(GeoPoint.parse(latitude: nil, longitude: -181, latitudeField: "/lat", longitudeField: "/lon", errors: &errors) == nil)
        #expect(errors.map(\.field) == ["/lon"])
        errors = []
        let rabat = GeoPoint.parse(latitude: 34.02, longitude: -6.83, latitudeField: "/lat", longitudeField: "/lon", errors: &errors)
        #expect(rabat == GeoPoint(latitude: 34.02, longitude: -6.83) && errors.isEmpty)
        #expect(GeoPoint.parse(latitude: 34.02, longitude: nil, latitudeField: "/lat", longitudeField: "/lon", errors: &errors) == nil)
        #expect(errors.isEmpty)
    }
}
