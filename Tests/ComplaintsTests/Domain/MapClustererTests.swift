import FoundationEssentials
import Testing
import GuichetCore
@testable import Complaints

@Suite struct MapClustererTests {
    /// Points around Casablanca and Rabat, 87 km apart.
    let casablanca = (0..<5).map { MapClusterer.Point(id: "casa-\($0)", location: GeoPoint(latitude: 33.5731 + Double($0) * 0.0005, longitude: -7.5898)!) }
    let rabat = (0..<3).map { MapClusterer.Point(id: "rabat-\($0)", location: GeoPoint(latitude: 34.0209, longitude: -6.8416 + Double($0) * 0.0005)!) }
    let lone = MapClusterer.Point(id: "agadir", location: GeoPoint(latitude: 30.4278, longitude: -9.5981)!, properties: ["status": "received"])

    @Test func clustersByCityAtRegionalZoom() throws {
        let clusterer = MapClusterer()
        let items = clusterer.items(for: (casablanca + rabat + [lone]).shuffled(), zoom: 8)
        #expect(items.count == 3)
        var clusters: [MapClusterer.Cluster] = []
        var points: [MapClusterer.Point] = []
        for item in items {
            switch item {
            case .cluster(let cluster): clusters.append(cluster)
            case .point(let point): points.append(point)
            }
        }
        #expect(clusters.map(\.count).sorted() == [3, 5])
        #expect(points.map(\.id) == ["agadir"])
        let casa = try #require(clusters.first { $0.count == 5 })
        #expect(abs(casa.center.latitude - 33.5741) < 1e-9 && abs(casa.center.longitude - -7.5898) < 1e-9)
        #expect(casa.bounds.coordinates == [-7.5898, 33.5731, -7.5898, 33.5751])
        // Order: rows north to south: Rabat, then Casablanca, then Agadir.
        #expect(items.map { item -> Int in if case .cluster(let cluster) = item { cluster.count } else { 1 } } == [3, 5, 1])
    }

    @Test func oneClusterForTheWholeCountryAtLowZoomAndNoneZoomedIn() {
        let clusterer = MapClusterer()
        let all = casablanca + rabat + [lone]
        let world = clusterer.items(for: all, zoom: 2)
        #expect(world.count == 1)
        if case .cluster(let cluster)? = world.first { #expect(cluster.count == 9) } else { Issue.record("expected a cluster") }
        let street = clusterer.items(for: all, zoom: 18)
        #expect(street.count == 9)
        #expect(street.allSatisfy { if case .point = $0 { true } else { false } })
        // Deterministic: the same input in any order gives the same output.
        #expect(clusterer.items(for: all.reversed(), zoom: 12) == clusterer.items(for: all, zoom: 12))
        #expect(clusterer.items(for: [], zoom: 5).isEmpty)
        // Zoom levels out of range are clamped.
        #expect(clusterer.items(for: all, zoom: -3) == clusterer.items(for: all, zoom: 0))
        #expect(clusterer.items(for: all, zoom: 99) == clusterer.items(for: all, zoom: 22))
    }

    @Test func cellsGetSmallerAsZoomGrows() {
        let clusterer = MapClusterer(configuration: .init(cellSize: 64))
        // Two points 500 m apart share a cell at zoom 10 (≈ 150 m per pixel there: 64 px ≈ 10 km)
        // but not at zoom 16 (≈ 2.4 m per pixel: 64 px ≈ 150 m).
        let pair = [casablanca[0], MapClusterer.Point(id: "x", location: GeoPoint(latitude: 33.5776, longitude: -7.5898)!)]
        #expect(clusterer.items(for: pair, zoom: 10).count == 1)
        #expect(clusterer.items(for: pair, zoom: 16).count == 2)
        let bigger = MapClusterer(configuration: .init(minimumClusterSize: 3))
        #expect(bigger.items(for: pair, zoom: 10).count == 2)
        // The edges of the world stay inside the grid.
        let edge = clusterer.cell(of: GeoPoint(latitude: -90, longitude: 180)!, zoom: 0)
        #expect(edge == MapClusterer.Cell(column: 3, row: 3))
    }

    @Test func geoJSONOutput() throws {
        let collection = MapClusterer().featureCollection(for: casablanca + [lone], zoom: 8)
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(collection.encodedJSON))
        let features = try #require(json["features"]?.arrayValue)
        #expect(features.count == 2)
        #expect(features[0]["properties"] == ["cluster": true, "count": 5])
        #expect(features[0]["bbox"] == [-7.5898, 33.5731, -7.5898, 33.5751])
        #expect(features[0]["id"] == nil)
        #expect(features[1]["id"] == "agadir")
        #expect(features[1]["properties"] == ["cluster": false, "status": "received"])
        #expect(features[1]["geometry"] == ["type": "Point", "coordinates": [-9.5981, 30.4278]])
    }
}
