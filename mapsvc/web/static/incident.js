/* The incident page's map: the point (and its uncertainty) on the offline outlines. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("mapsvc-incident-config").textContent);
  var f = config.feature, c = f.geometry.coordinates, p = f.properties;
  var map = L.map("mapsvc-incident-map", {zoomControl: true, attributionControl: true});
  map.attributionControl.setPrefix(false);
  map.getContainer().classList.add("mapsvc-offline");
  fetch(config.worldUrl).then(function (r) { return r.json(); }).then(function (world) {
    L.geoJSON(world, {style: {color: "#8a8a8a", weight: 0.6, fillColor: "#f2efe9", fillOpacity: 1},
                      interactive: false}).addTo(map).bringToBack();
  }).catch(function () { /* the point alone */ });
  var where = L.latLng(c[1], c[0]);
  L.circleMarker(where, {radius: 8, color: "#fff", weight: 2, fillColor: config.colour, fillOpacity: 1}).addTo(map);
  if (p.radius_km) {
    var area = L.circle(where, {radius: p.radius_km * 1000, color: config.colour, weight: 1, dashArray: "4 4",
                                fill: false}).addTo(map);
    map.fitBounds(area.getBounds().pad(0.3), {maxZoom: 10});
  } else {
    map.setView(where, 9);
  }
}());
