extension QRCode {
    /// The dark modules as an SVG path in module units (one unit per module, origin at the symbol's top
    /// left, no quiet zone): each horizontal run of dark modules is one rectangle, `M x y h w v1 h-w z`.
    public var svgPathData: String {
        var path = ""
        path.reserveCapacity(size * size)
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                var end = column + 1
                while end < size, isDark(row: row, column: end) { end += 1 }
                path += "M\(column) \(row)h\(end - column)v1h-\(end - column)z"
                column = end
            }
        }
        return path
    }

    /// The symbol as a complete SVG document, `moduleSize` user units per module, with a light quiet zone
    /// of `quietZone` modules (4, as the standard asks, by default).
    public func svg(moduleSize: Double = 4, quietZone: Int = 4) -> String {
        let side = Double(size + 2 * quietZone) * moduleSize
        let length = Markup.number(side)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(length)\" height=\"\(length)\" viewBox=\"0 0 \(length) \(length)\">"
            + "<rect width=\"\(length)\" height=\"\(length)\" fill=\"#fff\"/>"
            + "<path transform=\"translate(\(Markup.number(Double(quietZone) * moduleSize)) \(Markup.number(Double(quietZone) * moduleSize))) scale(\(Markup.number(moduleSize)))\""
            + " fill=\"#000\" shape-rendering=\"crispEdges\" d=\"\(svgPathData)\"/></svg>"
    }
}
