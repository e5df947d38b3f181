/* mapsvc map page: loads incidents for the current view from the OGC API items
 * endpoint, clusters them, and builds popups and the list with DOM APIs.
 * Report text is only ever assigned with textContent (never innerHTML). */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function safeUrl(raw) {
    try {
      var url = new URL(String(raw), window.location.href);
      return (url.protocol === "http:" || url.protocol === "https:") ? url.href : null;
    } catch (e) { return null; }
  }

  var PRECISION = {1: "the named place itself", 2: "near the place or part of a region", 3: "only the region or country"};

  function Mapsvc(map, tiles, config) {
    this.map = map;
    this.tiles = tiles;
    this.config = config;
    this.colours = {};
    this.labels = {};
    var self = this;
    config.categories.forEach(function (c) { self.colours[c.name] = c.colour; self.labels[c.name] = c.label; });
    this.filters = config.filters;
    this.markers = new Map();   // feature id -> marker
    this.matched = null;
    this.loading = null;
    this.area = null;
    this.generation = 0;
    this.busy = true;  // true while incidents for the view are being loaded
    if (map.options.maxZoom === undefined) { map.options.maxZoom = 18; }
    if (map.options.minZoom === undefined) { map.options.minZoom = 1; }
    // clusters are coloured by the categories they hold (donuts), never by their size
    this.cluster = L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false,
                                         maxClusterRadius: 50,
                                         iconCreateFunction: function (c) { return self.clientClusterIcon(c); }});
    map.addLayer(this.cluster);
    this.areas = L.layerGroup().addTo(map);  // uncertainty of imprecise places in view
  }

  Mapsvc.prototype.start = function () {
    var self = this, view = this.config.view;
    L.Icon.Default.imagePath = this.config.leafletImages;
    this.setupBaseMap();
    this.setupForm();
    this.setupShare();
    this.setupTimeline();
    this.setupCollapse();
    if (view.center) {
      this.map.setView([view.center[1], view.center[0]], view.zoom === null ? 6 : view.zoom);
    }
    // the panning an opening popup causes must not reload (and regroup) the markers under it:
    // the view is reloaded once the popup closes
    this.map.on("moveend", function () {
      self.writeUrl();
      if (self.map.hasLayer(self.openPopup || {})) { self.stale = true; return; }
      self.scheduleLoad();
    });
    this.map.on("popupopen", function (e) { self.openPopup = e.popup; });
    this.map.on("popupclose", function () {
      self.clearArea();
      self.openPopup = null;
      if (self.stale) { self.stale = false; self.scheduleLoad(); }
    });
    if (view.center) { this.load(); } else { this.loadAndFit(); }
    this.writeUrl();
  };

  /* ---------- base map: tiles, or country outlines when offline ---------- */

  /* The offline base map as one layer: country outlines, admin-1 lines from zoom 5, place names. */
  Mapsvc.prototype.offlineLayer = function () {
    if (this.offline) { return this.offline; }
    var self = this, pane = this.map.createPane("mapsvc-base");
    pane.style.zIndex = 150;
    this.offline = L.layerGroup();
    this.offline.on("add", function () {
      self.map.getContainer().classList.add("mapsvc-offline");
      self.setupLabels();
      if (self.labelLayer && !self.map.hasLayer(self.labelLayer)) { self.labelLayer.addTo(self.map); }
    });
    this.offline.on("remove", function () {
      self.map.getContainer().classList.remove("mapsvc-offline");
      if (self.labelLayer) { self.map.removeLayer(self.labelLayer); }
    });
    fetch(this.config.worldUrl).then(function (r) { return r.json(); }).then(function (world) {
      self.offline.addLayer(L.geoJSON(world, {pane: "mapsvc-base", interactive: false,
        style: {color: "#8a8a7a", weight: 0.7, fillColor: "#f2efe6", fillOpacity: 1}}));
      self.map.attributionControl.addAttribution("Outlines: Natural Earth; names: GeoNames");
    }).catch(function (err) { self.status("The base map could not be loaded."); });
    return this.offline;
  };

  Mapsvc.prototype.drawOutlines = function () {
    if (this.outlines) { return; }
    this.outlines = true;
    if (this.tiles && this.map.hasLayer(this.tiles)) { this.map.removeLayer(this.tiles); }
    this.offlineLayer().addTo(this.map);
  };

  Mapsvc.prototype.setupBaseMap = function () {
    var self = this;
    if (this.config.offline || !this.tiles) { this.drawOutlines(); return; }
    // with a tile server, a switcher offers the offline map too (what prints and what works offline)
    L.control.layers({"Map tiles": this.tiles, "Offline outlines": this.offlineLayer()}, null,
                     {position: "topright"}).addTo(this.map);
    var loaded = 0, failed = 0;
    this.tiles.on("tileload", function () { loaded += 1; });
    this.tiles.on("tileerror", function () {
      failed += 1;
      if (failed >= 3 && loaded === 0) { self.map.removeLayer(self.tiles); self.drawOutlines(); }
    });
    window.setTimeout(function () { if (loaded === 0) { self.drawOutlines(); } }, 4000);
  };

  /* ---------- loading: per view, paged, cancellable ---------- */

  Mapsvc.prototype.filterParams = function () {
    var p = new URLSearchParams(), f = this.filters;
    if (f.categories && f.categories.length < this.config.categories.length) {
      p.set("category", f.categories.join(","));
    }
    if (f.start || f.end) {
      p.set("datetime", (f.start && f.end && f.start === f.end) ? f.start : (f.start || "..") + "/" + (f.end || ".."));
    }
    if (f.q) { p.set("q", f.q); }
    return p;
  };

  Mapsvc.prototype.viewBbox = function () {
    var b = this.map.getBounds();
    function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }
    var w = clamp(b.getWest(), -180, 180), e = clamp(b.getEast(), -180, 180);
    if (b.getEast() - b.getWest() >= 360) { w = -180; e = 180; }
    return [w, clamp(b.getSouth(), -90, 90), e, clamp(b.getNorth(), -90, 90)]
      .map(function (v) { return v.toFixed(5); }).join(",");
  };

  Mapsvc.prototype.scheduleLoad = function () {
    var self = this;
    window.clearTimeout(this.timer);
    this.busy = true;
    this.timer = window.setTimeout(function () { self.load(); }, 200);
  };

  Mapsvc.prototype.fetchPages = function (url, generation, onPage) {
    var self = this, controller = new AbortController();
    if (this.loading) { this.loading.abort(); }
    this.loading = controller;
    this.busy = true;
    var count = 0;
    function finished() { if (self.loading === controller) { self.busy = false; } }
    function next(href) {
      return fetch(href, {signal: controller.signal, cache: self.cacheMode(), headers: {Accept: "application/geo+json"}})
        .then(function (r) {
          if (!r.ok) { return r.json().then(function (e) { throw new Error(e.description || r.status); }); }
          return r.json();
        })
        .then(function (page) {
          if (generation !== self.generation) { return; }
          count += page.features.length;
          onPage(page);
          var more = (page.links || []).filter(function (l) { return l.rel === "next"; })[0];
          if (more && count < self.config.maxLoaded) { return next(more.href); }
        });
    }
    return next(url).then(finished, function (err) {
      if (err.name !== "AbortError") {
        self.status("Incidents could not be loaded: " + err.message);
        finished();
      }
    });
  };

  Mapsvc.prototype.itemsUrl = function (withBbox) {
    var p = this.filterParams();
    if (withBbox) { p.set("bbox", this.viewBbox()); }
    p.set("limit", String(this.config.pageSize));
    return this.config.itemsUrl + "?" + p.toString();
  };

  /* A view first asks how many incidents it holds (the server's clusters, exact counts): up to a
     page of them are loaded one by one; more are drawn as the server's clusters. */
  Mapsvc.prototype.load = function () {
    var self = this, generation = this.generation;
    this.status("Loading incidents...");
    this.busy = true;
    return this.fetchOverview().then(function (doc) {
      if (!doc || generation !== self.generation) { return; }
      self.matched = doc.numberMatched;
      if (doc.numberMatched > self.config.pageSize) { self.showServerClusters(doc); return; }
      self.clearServerClusters();
      return self.loadItems(generation);
    });
  };

  Mapsvc.prototype.loadItems = function (generation) {
    var self = this;
    return this.fetchPages(this.itemsUrl(true), generation, function (page) {
      self.addFeatures(page.features);
      self.afterLoad();
    });
  };

  /* No view in the URL: fit the map to where the incidents are, then load that view. */
  Mapsvc.prototype.loadAndFit = function () {
    var self = this, p = this.filterParams();
    p.set("zoom", "2");
    this.status("Loading incidents...");
    return fetch(this.config.clustersUrl + "?" + p.toString(), {headers: {Accept: "application/geo+json"}})
      .then(function (r) { return r.ok ? r.json() : {features: []}; })
      .then(function (doc) {
        var points = doc.features.map(function (f) {
          return [f.geometry.coordinates[1], f.geometry.coordinates[0]];
        });
        if (points.length) {
          self.map.fitBounds(L.latLngBounds(points).pad(0.2), {maxZoom: 8, animate: false});
        }
        return self.load();
      })
      .catch(function () { return self.load(); });
  };

  Mapsvc.prototype.reset = function () {
    this.generation += 1;
    if (this.loading) { this.loading.abort(); }
    this.cluster.clearLayers();
    this.clearServerClusters();
    this.areas.clearLayers();
    this.markers = new Map();
    this.map.closePopup();
  };

  /* ---------- markers and popups ---------- */

  Mapsvc.prototype.icon = function (category) {
    var node = el("span", {"class": "mapsvc-pin", "data-category": category});
    node.style.background = this.colours[category] || "#555";
    return L.divIcon({className: "mapsvc-pin-wrap", html: node, iconSize: [16, 16], iconAnchor: [8, 8],
                      popupAnchor: [0, -8]});
  };

  Mapsvc.prototype.addFeatures = function (features) {
    var self = this, fresh = [];
    features.forEach(function (f) {
      if (self.markers.has(f.id) || !f.geometry || f.geometry.type !== "Point") { return; }
      var c = f.geometry.coordinates;
      var marker = L.marker([c[1], c[0]], {icon: self.icon(f.properties.category),
                                           title: f.properties.title || "", keyboard: true,
                                           alt: f.properties.title || ""});
      marker.feature = f;
      // the padding keeps an opening popup clear of the zoom control and the panel's edge
      marker.bindPopup(function () { return self.popup(f); }, {maxWidth: 340, minWidth: 220,
                                                              autoPanPaddingTopLeft: [10, 60]});
      marker.on("popupopen", function () { self.showArea(f); });
      self.markers.set(f.id, marker);
      fresh.push(marker);
    });
    this.cluster.addLayers(fresh);
  };

  Mapsvc.prototype.popup = function (f) {
    var p = f.properties, box = el("article", {"class": "mapsvc-popup", "data-id": f.id});
    box.appendChild(el("h3", null, p.title || "(untitled)"));
    var meta = el("p", {"class": "mapsvc-meta"});
    var cat = el("span", {"class": "mapsvc-cat-tag"}, this.labels[p.category] || p.category);
    cat.style.borderColor = this.colours[p.category] || "#555";
    meta.appendChild(cat);
    meta.appendChild(document.createTextNode(" "));
    var dateText = p.date || "";
    if (p.date_start && p.date_end && p.date_start !== p.date_end) {
      dateText += " (" + p.date_start + " to " + p.date_end + ")";
    }
    meta.appendChild(el("time", {"class": "mapsvc-date", datetime: p.date || ""}, dateText));
    box.appendChild(meta);
    var place = p.place || {};
    var where = [place.name].concat(place.admin || []).filter(function (part, i, all) {
      return part && all.indexOf(part) === i;  // "Chad", not "Chad, Chad"
    }).join(", ");
    var precision = PRECISION[p.geo_precision] || "";
    if (p.radius_km) { precision += (precision ? ", " : "") + "within about " + roundKm(p.radius_km) + " km"; }
    box.appendChild(el("p", {"class": "mapsvc-place"}, where + (precision ? " (" + precision + ")" : "")));
    var counts = p.counts || {};
    var keys = Object.keys(counts);
    if (keys.length) {
      var dl = el("dl", {"class": "mapsvc-counts"});
      keys.forEach(function (k) {
        dl.appendChild(el("dt", null, k));
        dl.appendChild(el("dd", null, formatCount(counts[k])));
      });
      box.appendChild(dl);
    }
    if (p.quote) { box.appendChild(el("blockquote", {"class": "mapsvc-quote"}, p.quote)); }
    if (p.corrected) {
      box.appendChild(el("p", {"class": "mapsvc-corrected"}, "Corrected by hand" + (p.note ? ": " + p.note : "")));
    }
    var sources = p.sources || [];
    if (sources.length) {
      var ul = el("ul", {"class": "mapsvc-sources"});
      sources.forEach(function (s) {
        var li = el("li"), label = (s.title || s.report || "source") + (s.published ? " (" + s.published + ")" : "");
        var href = s.url ? safeUrl(s.url) : null;
        if (href) {
          li.appendChild(el("a", {href: href, target: "_blank", rel: "noopener noreferrer nofollow"}, label));
        } else {
          li.appendChild(document.createTextNode(label));
        }
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    var more = el("p", {"class": "mapsvc-more"});
    more.appendChild(el("a", {href: this.config.incidentBase + encodeURIComponent(f.id)},
                        "Details, sources and the report"));
    more.appendChild(document.createTextNode(" \u00b7 id "));
    more.appendChild(el("code", null, f.id));
    box.appendChild(more);
    return box;
  };

  Mapsvc.prototype.clearArea = function () {
    if (this.area) { this.map.removeLayer(this.area); this.area = null; }
  };

  Mapsvc.prototype.areaLayer = function (f, style) {
    var p = f.properties, c = f.geometry.coordinates;
    if (p.area && p.area.type && p.area.type !== "Point") { return L.geoJSON(p.area, {style: style}); }
    if (p.radius_km > 0 && p.geo_precision > 1) {
      return L.circle([c[1], c[0]], Object.assign({radius: p.radius_km * 1000}, style));
    }
    return null;
  };

  Mapsvc.prototype.showArea = function (f) {
    var style = {color: this.colours[f.properties.category] || "#555", weight: 2, dashArray: "6 4",
                 fillOpacity: 0.08, interactive: false};
    this.clearArea();
    this.area = this.areaLayer(f, style);
    if (this.area) { this.area.addTo(this.map); }
  };

  Mapsvc.prototype.drawAreas = function (visible) {
    var self = this;
    this.areas.clearLayers();
    if (visible.length > 300) { return; }  // too many to read: shown per popup instead
    visible.forEach(function (m) {
      var layer = self.areaLayer(m.feature, {color: self.colours[m.feature.properties.category] || "#555",
        weight: 1, dashArray: "3 4", fillOpacity: 0.03, opacity: 0.6, interactive: false});
      if (layer) { self.areas.addLayer(layer); }
    });
  };

  /* ---------- status, list, counts ---------- */

  Mapsvc.prototype.status = function (text) {
    var node = document.getElementById("mapsvc-status");
    if (node) { node.textContent = text; }
  };

  Mapsvc.prototype.visible = function () {
    var bounds = this.map.getBounds(), out = [];
    this.markers.forEach(function (m) { if (bounds.contains(m.getLatLng())) { out.push(m); } });
    return out;
  };

  Mapsvc.prototype.afterLoad = function () {
    var visible = this.visible(), self = this;
    var text = formatCount(visible.length) + " incident" + (visible.length === 1 ? "" : "s") + " in view";
    this.status(text);
    var counts = {};
    visible.forEach(function (m) { var c = m.feature.properties.category; counts[c] = (counts[c] || 0) + 1; });
    this.showLegendCounts(counts);
    document.getElementById("mapsvc").setAttribute("data-matched", String(this.matched === null ? visible.length : this.matched));
    document.getElementById("mapsvc").setAttribute("data-mode-view", "items");
    this.renderList(visible);
    this.drawAreas(visible);
    this.updateLinks();
    document.getElementById("mapsvc").setAttribute("data-loaded", String(self.markers.size));
  };

  Mapsvc.prototype.renderList = function (visible) {
    var list = document.getElementById("mapsvc-list-items"), self = this, limit = 200;
    if (!list) { return; }
    visible.sort(function (a, b) {
      return String(b.feature.properties.date).localeCompare(String(a.feature.properties.date));
    });
    var items = document.createDocumentFragment();
    visible.slice(0, limit).forEach(function (m) {
      var p = m.feature.properties, li = el("li"), button = el("button", {type: "button", "class": "mapsvc-item"});
      var sw = el("span", {"class": "mapsvc-swatch", "aria-hidden": "true"});
      sw.style.background = self.colours[p.category] || "#555";
      button.appendChild(sw);
      button.appendChild(el("span", {"class": "mapsvc-item-title"}, p.title || "(untitled)"));
      var place = (p.place && p.place.name) || "";
      button.appendChild(el("span", {"class": "mapsvc-item-meta"},
        [p.date, self.labels[p.category] || p.category, place].filter(Boolean).join(" · ")));
      button.addEventListener("click", function () { self.focus(m); });
      li.appendChild(button);
      items.appendChild(li);
    });
    list.replaceChildren(items);
    if (!visible.length) { list.appendChild(el("li", {"class": "mapsvc-note"}, "No incidents in view.")); }
    if (visible.length > limit) {
      list.appendChild(el("li", {"class": "mapsvc-note"}, (visible.length - limit) + " more: zoom in or filter"));
    }
  };

  Mapsvc.prototype.focus = function (marker) {
    this.cluster.zoomToShowLayer(marker, function () {
      marker.openPopup();
      var popup = marker.getPopup().getElement();
      if (popup) {
        var close = popup.querySelector(".leaflet-popup-close-button");
        if (close) { close.focus(); }
      }
    });
  };

  /* ---------- filters form, URL state, downloads, share ---------- */

  Mapsvc.prototype.setupForm = function () {
    var form = document.getElementById("mapsvc-filters"), self = this, f = this.filters;
    if (!form) { return; }
    var boxes = form.querySelectorAll("input[name=category]");
    boxes.forEach(function (box) { box.checked = !f.categories || f.categories.indexOf(box.value) >= 0; });
    var start = document.getElementById("mapsvc-start"), end = document.getElementById("mapsvc-end");
    var q = document.getElementById("mapsvc-q");
    if (start) { start.value = f.start || ""; end.value = f.end || ""; q.value = f.q || ""; }
    function apply(event) {
      if (event) { event.preventDefault(); }
      if (q && self.goToPlace(q.value)) { q.value = self.filters.q || ""; return; }  // a place: go there
      var chosen = [];
      boxes.forEach(function (box) { if (box.checked) { chosen.push(box.value); } });
      var before = JSON.stringify([self.filters.categories, self.filters.q]);
      self.filters = {categories: chosen.length === boxes.length ? null : chosen,
                      start: start ? start.value || null : null, end: start ? end.value || null : null,
                      q: q ? (q.value.trim() || null) : null};
      if (self.filters.start && self.filters.end && self.filters.start > self.filters.end) {
        self.status("The start date is after the end date."); return;
      }
      self.reset();
      self.writeUrl();
      self.load();
      // the timeline shows every date: it changes with the categories and words, not the dates
      if (JSON.stringify([self.filters.categories, self.filters.q]) !== before) { self.loadTimeline(); }
      else { self.drawTimeline(); }
    }
    form.addEventListener("submit", apply);
    if (q) { this.setupPlaceSearch(q); }
    boxes.forEach(function (box) { box.addEventListener("change", apply); });
    var reset = document.getElementById("mapsvc-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        boxes.forEach(function (box) { box.checked = true; });
        start.value = ""; end.value = ""; q.value = "";
        apply();
      });
    }
  };

  Mapsvc.prototype.stateParams = function (mode) {
    var p = this.filterParams(), c = this.map.getCenter();
    p.set("center", c.lng.toFixed(4) + "," + c.lat.toFixed(4));
    p.set("zoom", String(this.map.getZoom()));
    if (mode === "embed" && this.config.mode === "embed" && this.config.controls) {
      p.set("controls", this.config.controls.join(",") || "none");
    }
    return p;
  };

  Mapsvc.prototype.writeUrl = function () {
    var p = this.stateParams(this.config.mode);
    var url = window.location.pathname + "?" + p.toString();
    try { window.history.replaceState(null, "", url); } catch (e) { /* sandboxed frame */ }
    this.updateLinks();
  };

  Mapsvc.prototype.updateLinks = function () {
    var p = this.filterParams(), self = this;
    p.set("bbox", this.viewBbox());
    [["mapsvc-download", "geojson"], ["mapsvc-download-csv", "csv"], ["mapsvc-download-kml", "kml"]]
      .forEach(function (pair) {
        var a = document.getElementById(pair[0]);
        if (a) { a.href = self.config.downloadUrls[pair[1]] + "?" + p.toString(); }
      });
    var open = document.getElementById("mapsvc-open-full");
    if (open) { open.href = this.config.pageUrl + "?" + this.stateParams("full").toString(); }
    this.updateShare();
  };

  Mapsvc.prototype.embedSnippet = function () {
    var p = this.stateParams("full"), chosen = [];
    document.querySelectorAll("input[name=embed-control]").forEach(function (box) {
      if (box.checked) { chosen.push(box.value); }
    });
    p.set("controls", chosen.join(",") || "none");
    var src = this.config.embedUrl + "?" + p.toString();
    var attr = src.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    return '<iframe src="' + attr + '" width="640" height="420" style="border:0" ' +
           'title="Incident map" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>';
  };

  Mapsvc.prototype.updateShare = function () {
    var link = document.getElementById("mapsvc-permalink"), code = document.getElementById("mapsvc-embed-code");
    if (link) { link.value = this.config.pageUrl + "?" + this.stateParams("full").toString(); }
    if (code) { code.value = this.embedSnippet(); }
  };

  Mapsvc.prototype.setupShare = function () {
    var self = this;
    document.querySelectorAll("input[name=embed-control]").forEach(function (box) {
      box.addEventListener("change", function () { self.updateShare(); });
    });
    var copy = document.getElementById("mapsvc-copy");
    if (copy) {
      copy.addEventListener("click", function () {
        var code = document.getElementById("mapsvc-embed-code");
        code.select();
        if (navigator.clipboard) { navigator.clipboard.writeText(code.value).catch(function () {}); }
        self.status("Embed code selected.");
      });
    }
  };

  /* The page settings come as data: a JSON block written by the server. */
  function readConfig() {
    return JSON.parse(document.getElementById("mapsvc-config").textContent);
  }

  /* "within about 640 km", not "637.4 km": two significant figures, one decimal under 10 km. */
  function roundKm(km) {
    if (km < 10) { return String(Math.round(km * 10) / 10); }
    var scale = Math.pow(10, Math.floor(Math.log10(km)) - 1);
    return formatCount(Math.round(km / scale) * scale);
  }

  /* "8,533", whatever the reader's locale: the figures quote English-language reports. */
  function formatCount(n) { return Number(n).toLocaleString("en-US"); }

  window.Mapsvc = Mapsvc;  // mapsvc-overview.js adds the clusters and the timeline
  Mapsvc.formatCount = formatCount;

  window.mapsvcInit = function (map, tiles) {
    var app = new Mapsvc(map, tiles, readConfig());
    window.mapsvc = app;
    app.start();
    return app;
  };
}());
