import FoundationEssentials
import Testing
import GuichetCore
@testable import Complaints

@Suite struct GeoJSONTests {
    private func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    @Test func writesRFC7946FeatureCollections() throws {
        let point = GeoPoint(latitude: 33.5731, longitude: -7.5898)!
        let collection = GeoJSONFeatureCollection(features: [
            GeoJSONFeature(id: "c1", geometry: .point(point), properties: ["status": "received", "count": 1]),
            GeoJSONFeature(geometry: nil, boundingBox: GeoBoundingBox(point)),
        ])
        let text = String(decoding: collection.encodedJSON, as: UTF8.self)
        #expect(text == #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"c1","geometry":{"type":"Point","coordinates":[-7.5898,33.5731]},"properties":{"count":1,"status":"received"}},{"type":"Feature","bbox":[-7.5898,33.5731,-7.5898,33.5731],"geometry":null,"properties":{}}]}"#)
        let json = try parse(collection.encodedJSON)
        #expect(json["features"]?[0]?["geometry"]?["coordinates"] == [-7.5898, 33.5731])
        #expect(GeoJSONFeatureCollection(features: []).encodedJSON == Array(#"{"type":"FeatureCollection","features":[]}"#.utf8))
    }

    @Test func writesPolygonsAndMultiPolygons() throws {
        // (longitude, latitude) pairs.
        let ring = [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (0.0, 0.0)].map { GeoPoint(latitude: $0.1, longitude: $0.0)! }
        #expect(String(decoding: GeoJSONGeometry.polygon([ring]).encodedJSON, as: UTF8.self)
            == #"{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[0,0]]]}"#)
        #expect(String(decoding: GeoJSONGeometry.multiPolygon([[ring], [ring]]).encodedJSON, as: UTF8.self)
            == #"{"type":"MultiPolygon","coordinates":[[[[0,0],[0,1],[1,1],[0,0]]],[[[0,0],[0,1],[1,1],[0,0]]]]}"#)
    }

    @Test func boundingBoxes() {
        let points = [GeoPoint(latitude: 33, longitude: -7)!, GeoPoint(latitude: 34, longitude: -8)!, GeoPoint(latitude: 33.5, longitude: -6)!]
        let box = GeoBoundingBox(points)
        #expect(box?.coordinates == [-8, 33, -6, 34])
        #expect(box?.contains(GeoPoint(latitude: 33.2, longitude: -7.5)!) == true)
        #expect(box?.contains(GeoPoint(latitude: 35, longitude: -7.5)!) == false)
        #expect(GeoBoundingBox([GeoPoint]()) == nil)
    }

    @Test func webMercatorPixelsAndTiles() throws {
        let origin = WebMercator.pixel(of: GeoPoint(latitude: 0, longitude: 0)!, zoom: 0)
        #expect(origin.x == 128 && abs(origin.y - 128) < 1e-9)
        let corner = WebMercator.pixel(of: GeoPoint(latitude: 90, longitude: -180)!, zoom: 1)
        #expect(corner.x == 0 && abs(corner.y) < 1e-6)
        // Casablanca at zoom 10 is in tile (490, 410) of the standard XYZ scheme.
        let tile = WebMercator.tile(of: GeoPoint(latitude: 33.5731, longitude: -7.5898)!, zoom: 10)
        #expect(tile.x == 490 && tile.y == 410)
        #expect(WebMercator.tile(of: GeoPoint(latitude: -90, longitude: 180)!, zoom: 3) == (7, 7))
        #expect(WebMercator.tile(of: GeoPoint(latitude: 0, longitude: 0)!, zoom: -4) == (0, 0))
    }
}
