#pragma once

namespace mpicsim {

struct GeoPoint {
    double latitude = 0;   // degrees, north positive
    double longitude = 0;  // degrees, east positive

    // Great-circle ("straight-line", as the BR says) distance in km: the haversine formula on
    // a sphere of the IUGG mean Earth radius, 6371.0088 km.
    double distanceKmTo(const GeoPoint& other) const;
};

}  // namespace mpicsim
