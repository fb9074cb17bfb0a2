#include "mpicsim/mpic/GeoPoint.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mpicsim {

double GeoPoint::distanceKmTo(const GeoPoint& other) const {
    constexpr double kEarthRadiusKm = 6371.0088;
    constexpr double kRadians = std::numbers::pi / 180.0;
    const double phi1 = latitude * kRadians;
    const double phi2 = other.latitude * kRadians;
    const double dPhi = (other.latitude - latitude) * kRadians;
    const double dLambda = (other.longitude - longitude) * kRadians;
    const double a = std::sin(dPhi / 2) * std::sin(dPhi / 2) + std::cos(phi1) * std::cos(phi2) *
                                                                   std::sin(dLambda / 2) *
                                                                   std::sin(dLambda / 2);
    return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace mpicsim
