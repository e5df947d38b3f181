/* mapsvc: every incident at every zoom (server clusters drawn as category donuts) and the
   timeline under the map (a histogram with a brush and a play button).
   Report text never reaches this file: it draws counts, dates and category colours. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var Mapsvc = window.Mapsvc;

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  var formatCount = Mapsvc.formatCount;

  /* A donut of category shares with the count in the middle (SVG built node by node). */
  Mapsvc.prototype.donut = function (categories, total) {
    var size = Math.round(Math.min(60, 26 + 7 * Math.log10(Math.max(total, 1)))), r = size / 2 - 4;
    var circumference = 2 * Math.PI * r, offset = 0, self = this;
    var root = svg("svg", {width: size, height: size, viewBox: "0 0 " + size + " " + size,
                           "class": "mapsvc-donut", role: "img"});
    root.appendChild(svg("circle", {cx: size / 2, cy: size / 2, r: r + 3, fill: "rgba(255,255,255,0.9)"}));
    Object.keys(categories).sort().forEach(function (name) {
      var share = categories[name] / total, length = share * circumference;
      root.appendChild(svg("circle", {
        cx: size / 2, cy: size / 2, r: r, fill: "none", stroke: self.colours[name] || "#555",
        "stroke-width": 6, "stroke-dasharray": length + " " + (circumference - length),
        "stroke-dashoffset": String(-offset), transform: "rotate(-90 " + size / 2 + " " + size / 2 + ")",
        "data-category": name}));
      offset += length;
    });
    var label = svg("text", {x: "50%", y: "50%", "text-anchor": "middle", "dominant-baseline": "central",
                             "class": "mapsvc-donut-count"});
    label.textContent = total >= 10000 ? Math.round(total / 1000) + "k" : formatCount(total);
    root.appendChild(label);
    var title = svg("title");
    title.textContent = formatCount(total) + " incidents: " + Object.keys(categories).map(function (c) {
      return (self.labels[c] || c) + " " + formatCount(categories[c]);
    }).join(", ");
    root.appendChild(title);
    return {node: root, size: size};
  };

  Mapsvc.prototype.donutIcon = function (categories, total) {
    var d = this.donut(categories, total), wrap = document.createElement("div");
    wrap.appendChild(d.node);
    return L.divIcon({className: "mapsvc-cluster", html: wrap, iconSize: [d.size, d.size]});
  };

  /* Client-side clusters (a view small enough to load every incident) as donuts too. */
  Mapsvc.prototype.clientClusterIcon = function (cluster) {
    var counts = {};
    cluster.getAllChildMarkers().forEach(function (m) {
      var c = m.feature.properties.category; counts[c] = (counts[c] || 0) + 1;
    });
    return this.donutIcon(counts, cluster.getChildCount());
  };

  /* ---------- the view's overview: exact counts, and clusters when the view holds many ---------- */

  Mapsvc.prototype.clustersUrl = function () {
    var p = this.filterParams();
    p.set("bbox", this.viewBbox());
    p.set("zoom", String(Math.max(0, Math.min(19, Math.round(this.map.getZoom())))));
    return this.config.clustersUrl + "?" + p.toString();
  };

  Mapsvc.prototype.fetchOverview = function () {
    var self = this;
    if (this.overviewRequest) { this.overviewRequest.abort(); }
    var controller = new AbortController();
    this.overviewRequest = controller;
    return fetch(this.clustersUrl(), {signal: controller.signal, cache: this.cacheMode(),
                                      headers: {Accept: "application/geo+json"}})
      .then(function (r) {
        if (!r.ok) { return r.json().then(function (e) { throw new Error(e.description || r.status); }); }
        return r.json();
      })
      .catch(function (err) {
        if (err.name !== "AbortError") { self.status("Incidents could not be loaded: " + err.message); }
        return null;
      });
  };

  Mapsvc.prototype.overviewCounts = function (doc) {
    var counts = {};
    doc.features.forEach(function (f) {
      var p = f.properties;
      if (p.cluster) {
        Object.keys(p.categories).forEach(function (c) { counts[c] = (counts[c] || 0) + p.categories[c]; });
      } else {
        counts[p.category] = (counts[p.category] || 0) + 1;
      }
    });
    return counts;
  };

  Mapsvc.prototype.showLegendCounts = function (counts) {
    document.querySelectorAll(".mapsvc-cat-count").forEach(function (node) {
      node.textContent = "(" + formatCount(counts[node.getAttribute("data-category")] || 0) + ")";
    });
  };

  Mapsvc.prototype.clearServerClusters = function () {
    if (this.serverLayer) { this.serverLayer.clearLayers(); }
  };

  /* Too many in view to load one by one: draw the server's clusters and lone incidents. */
  Mapsvc.prototype.showServerClusters = function (doc) {
    var self = this;
    this.cluster.clearLayers();
    this.markers = new Map();
    if (!this.serverLayer) { this.serverLayer = L.layerGroup().addTo(this.map); }
    this.serverLayer.clearLayers();
    doc.features.forEach(function (f) {
      var c = f.geometry.coordinates, p = f.properties, marker;
      if (p.cluster) {
        marker = L.marker([c[1], c[0]], {icon: self.donutIcon(p.categories, p.count), keyboard: true,
                                         title: formatCount(p.count) + " incidents: zoom in"});
        marker.on("click", function () {
          self.map.setView([c[1], c[0]], Math.min(self.map.getMaxZoom(), self.map.getZoom() + 2));
        });
      } else {
        marker = L.marker([c[1], c[0]], {icon: self.icon(p.category), title: p.title || "", keyboard: true});
        marker.feature = f;
        marker.bindPopup(function () { return self.popup(f); }, {maxWidth: 340, minWidth: 220,
                                                                autoPanPaddingTopLeft: [10, 60]});
      }
      self.serverLayer.addLayer(marker);
    });
    var counts = this.overviewCounts(doc);
    this.showLegendCounts(counts);
    this.status(formatCount(doc.numberMatched) + " incidents in view (in clusters: zoom in or filter to list them)");
    var list = document.getElementById("mapsvc-list-items");
    if (list) {
      list.replaceChildren(Object.assign(document.createElement("li"), {
        className: "mapsvc-note", textContent: formatCount(doc.numberMatched) +
          " incidents in view: zoom in or filter to list them."}));
    }
    this.drawAreas([]);
    this.updateLinks();
    document.getElementById("mapsvc").setAttribute("data-matched", String(doc.numberMatched));
    document.getElementById("mapsvc").setAttribute("data-mode-view", "clusters");
    this.busy = false;
  };

  /* ---------- place names on the offline base map ---------- */

  Mapsvc.prototype.setupLabels = function () {
    if (this.labelLayer || !this.config.labelsUrl) { return; }
    var self = this, pane = this.map.createPane("mapsvc-labels");
    pane.style.zIndex = 450;  // above the outlines and uncertainty areas, below the markers
    pane.style.pointerEvents = "none";
    this.labelLayer = L.layerGroup().addTo(this.map);
    this.adminLayer = L.geoJSON(null, {pane: "mapsvc-base", interactive: false,
                                       style: {color: "#a09a8a", weight: 0.6, dashArray: "3 3", fill: false}});
    var adminBox = null;
    function refresh() {
      if (!self.map.hasLayer(self.labelLayer)) { return; }  // tiles chosen in the switcher
      var b = self.map.getBounds(), zoom = Math.round(self.map.getZoom());
      function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }
      var bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180),
                  clamp(b.getNorth(), -90, 90)].map(function (v) { return v.toFixed(3); }).join(",");
      fetch(self.config.labelsUrl + "?bbox=" + bbox + "&zoom=" + Math.max(0, Math.min(19, zoom)))
        .then(function (r) { return r.ok ? r.json() : {labels: []}; })
        .then(function (doc) {
          self.labelLayer.clearLayers();
          doc.labels.forEach(function (label) {
            var node = document.createElement("span");
            node.textContent = label.name;  // names are data, never markup
            self.labelLayer.addLayer(L.marker([label.lat, label.lon], {
              icon: L.divIcon({className: "mapsvc-label mapsvc-label-" + label.kind, html: node, iconSize: null}),
              interactive: false, keyboard: false, pane: "mapsvc-labels"}));
          });
          document.getElementById("mapsvc").setAttribute("data-labels", String(doc.labels.length));
        })
        .catch(function () { /* the map works without names */ });
      // admin-1 lines from zoom 5, fetched again only when the view leaves the area already drawn
      if (zoom >= 5 && self.config.adminUrl) {
        if (!adminBox || !adminBox.contains(b)) {
          adminBox = b.pad(1.5);
          fetch(self.config.adminUrl + "?bbox=" + bbox)
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (doc) {
              if (!doc) { return; }
              self.adminLayer.clearLayers();
              self.adminLayer.addData(doc);
              document.getElementById("mapsvc").setAttribute("data-admin-lines", String(doc.features.length));
            })
            .catch(function () { /* the map works without them */ });
        }
        if (!self.map.hasLayer(self.adminLayer)) { self.adminLayer.addTo(self.map); }
      } else if (self.map.hasLayer(self.adminLayer)) {
        self.map.removeLayer(self.adminLayer);
      }
    }
    this.map.on("moveend", refresh);
    refresh();
  };

  /* ---------- one box: a place from the gazetteer, or words to filter by ---------- */

  Mapsvc.prototype.setupPlaceSearch = function (input) {
    var self = this, list = document.getElementById("mapsvc-places"), timer = null;
    this.places = {};
    if (!list || !this.config.placesUrl) { return; }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2 || self.places[text]) { return; }
      timer = window.setTimeout(function () {
        fetch(self.config.placesUrl + "?q=" + encodeURIComponent(text))
          .then(function (r) { return r.ok ? r.json() : {places: []}; })
          .then(function (doc) {
            var options = document.createDocumentFragment();
            doc.places.forEach(function (p) {
              self.places[p.label] = p;
              var option = document.createElement("option");
              option.value = p.label;  // a name from the gazetteer, as data
              options.appendChild(option);
            });
            list.replaceChildren(options);
          })
          .catch(function () { /* words still filter */ });
      }, 200);
    });
  };

  /* True when ``text`` is a suggested place: the map goes there instead of filtering by words. */
  Mapsvc.prototype.goToPlace = function (text) {
    var place = (this.places || {})[String(text).trim()];
    if (!place) { return false; }
    var centre = L.latLng(place.lat, place.lon), km = Math.max(place.radius_km || 0, 2);
    this.map.fitBounds(centre.toBounds(km * 2000 * 1.5), {maxZoom: 13});
    this.status("Showing " + place.label);
    return true;
  };

  /* ---------- small embeds: the floating panel folds away ---------- */

  Mapsvc.prototype.setupCollapse = function () {
    var panel = document.querySelector(".mapsvc-floating");
    if (!panel || !panel.children.length) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "mapsvc-toggle";
    function show(open) {
      panel.classList.toggle("mapsvc-collapsed", !open);
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? "Hide legend" : "Legend";
    }
    button.addEventListener("click", function () { show(panel.classList.contains("mapsvc-collapsed")); });
    panel.insertBefore(button, panel.firstChild);
    // a frame smaller than 700 by 500 pixels starts with the panel folded, the map in full view
    show(!(window.innerWidth < 700 || window.innerHeight < 500));
  };

  /* ---------- the timeline ---------- */

  var DAY = 86400000;

  function parseDay(text) { return Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10)); }
  function dayText(ms) { return new Date(ms).toISOString().slice(0, 10); }

  /* Days grouped into weeks or months so that the bars stay wide enough to see and to brush. */
  function group(days) {
    if (!days.length) { return {interval: "day", bars: []}; }
    var span = (parseDay(days[days.length - 1].start) - parseDay(days[0].start)) / DAY;
    var interval = span > 730 ? "month" : span > 120 ? "week" : "day", bars = [], index = {};
    days.forEach(function (b) {
      var t = parseDay(b.start), d = new Date(t), start;
      if (interval === "month") { start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); }
      else if (interval === "week") { start = t - ((d.getUTCDay() + 6) % 7) * DAY; }
      else { start = t; }
      if (!(start in index)) {
        var end = interval === "month" ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - DAY
          : interval === "week" ? start + 6 * DAY : start;
        index[start] = bars.length;
        bars.push({start: dayText(start), end: dayText(end), count: 0});
      }
      bars[index[start]].count += b.count;
    });
    return {interval: interval, bars: bars};
  }

  Mapsvc.prototype.histogramUrl = function () {
    var p = this.filterParams();
    p.delete("datetime");  // the whole timeline, with the chosen window drawn on it
    p.set("interval", "day");
    return this.config.histogramUrl + "?" + p.toString();
  };

  Mapsvc.prototype.loadTimeline = function () {
    var self = this, box = document.getElementById("mapsvc-timeline");
    if (!box) { return Promise.resolve(); }
    return fetch(this.histogramUrl(), {cache: this.cacheMode(), headers: {Accept: "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (doc) {
        if (!doc) { return; }
        self.timeline = group(doc.buckets);
        self.timeline.total = doc.numberMatched;
        self.drawTimeline();
      })
      .catch(function () { /* the map works without its timeline */ });
  };

  Mapsvc.prototype.drawTimeline = function () {
    var box = document.getElementById("mapsvc-timeline"), t = this.timeline, self = this;
    if (!box || !t) { return; }
    var chart = box.querySelector(".mapsvc-bars");
    var width = Math.max(200, chart.clientWidth || 600), height = 48, n = Math.max(1, t.bars.length);
    var max = Math.max(1, Math.max.apply(null, t.bars.map(function (b) { return b.count; })));
    var bw = width / n, root = svg("svg", {width: width, height: height, viewBox: "0 0 " + width + " " + height,
                                          "class": "mapsvc-bars-svg", role: "img"});
    var start = this.filters.start, end = this.filters.end;
    t.bars.forEach(function (b, i) {
      var h = b.count ? Math.max(2, (b.count / max) * (height - 4)) : 0;
      var inside = (!start || b.end >= start) && (!end || b.start <= end);
      var rect = svg("rect", {x: i * bw + 0.5, y: height - h, width: Math.max(1, bw - 1), height: h,
                              "class": "mapsvc-bar" + (inside ? " mapsvc-bar-in" : ""),
                              "data-start": b.start, "data-end": b.end, "data-count": String(b.count)});
      var title = svg("title");
      title.textContent = b.start + (b.end !== b.start ? " to " + b.end : "") + ": " + formatCount(b.count);
      rect.appendChild(title);
      root.appendChild(rect);
    });
    this.brushRect = svg("rect", {x: 0, y: 0, width: 0, height: height, "class": "mapsvc-brush"});
    root.appendChild(this.brushRect);
    chart.replaceChildren(root);
    box.setAttribute("data-total", String(t.total));
    box.setAttribute("data-interval", t.interval);
    var label = box.querySelector(".mapsvc-timeline-label");
    if (label) {
      label.textContent = t.bars.length ? t.bars[0].start + " to " + t.bars[t.bars.length - 1].end + ", by " +
        t.interval + (start || end ? "; showing " + (start || "...") + " to " + (end || "...") : "") : "No incidents";
    }
    this.setupBrush(root, bw);
  };

  /* Drag across the bars to choose the dates; a click without a drag clears them. */
  Mapsvc.prototype.setupBrush = function (root, bw) {
    var self = this, from = null;
    function index(event) {
      var box = root.getBoundingClientRect();
      return Math.max(0, Math.min(self.timeline.bars.length - 1, Math.floor((event.clientX - box.left) / bw)));
    }
    root.addEventListener("pointerdown", function (event) {
      from = index(event);
      root.setPointerCapture(event.pointerId);
      self.brushRect.setAttribute("x", String(from * bw));
      self.brushRect.setAttribute("width", String(bw));
    });
    root.addEventListener("pointermove", function (event) {
      if (from === null) { return; }
      var to = index(event), lo = Math.min(from, to), hi = Math.max(from, to);
      self.brushRect.setAttribute("x", String(lo * bw));
      self.brushRect.setAttribute("width", String((hi - lo + 1) * bw));
    });
    root.addEventListener("pointerup", function (event) {
      if (from === null) { return; }
      var to = index(event), lo = Math.min(from, to), hi = Math.max(from, to), bars = self.timeline.bars;
      from = null;
      if (lo === hi && self.filters.start) { self.setDates(null, null); return; }
      self.setDates(bars[lo].start, bars[hi].end);
    });
  };

  Mapsvc.prototype.setDates = function (start, end) {
    var a = document.getElementById("mapsvc-start"), b = document.getElementById("mapsvc-end");
    if (a && b) {
      a.value = start || ""; b.value = end || "";
      document.getElementById("mapsvc-filters").requestSubmit();
    } else {
      this.filters.start = start; this.filters.end = end;
      this.reset(); this.writeUrl(); this.load();
    }
  };

  /* Play: one bar after another, a second each, from the first bar (or the one after the window). */
  Mapsvc.prototype.togglePlay = function () {
    var self = this, button = document.getElementById("mapsvc-play");
    if (this.playing) {
      window.clearInterval(this.playing); this.playing = null;
      if (button) { button.textContent = "Play"; button.setAttribute("aria-pressed", "false"); }
      return;
    }
    var bars = (this.timeline || {}).bars || [];
    if (!bars.length) { return; }
    var i = 0;
    if (this.filters.start) {
      bars.forEach(function (b, k) { if (b.start <= self.filters.start) { i = k + 1; } });
      if (i >= bars.length) { i = 0; }
    }
    function step() {
      if (i >= bars.length) { self.togglePlay(); return; }
      self.setDates(bars[i].start, bars[i].end);
      i += 1;
    }
    step();
    this.playing = window.setInterval(step, 1200);
    if (button) { button.textContent = "Pause"; button.setAttribute("aria-pressed", "true"); }
  };

  Mapsvc.prototype.setupTimeline = function () {
    var self = this, button = document.getElementById("mapsvc-play");
    if (button) { button.addEventListener("click", function () { self.togglePlay(); }); }
    window.addEventListener("resize", function () { self.drawTimeline(); });
    this.loadTimeline();
    this.watchChanges();
  };

  /* ---------- new incidents without a reload ---------- */

  /* Every refreshSeconds the collection document is asked for with the ETag last seen: the
     server answers 304 until the store changes (its ETag follows the store's change token), and
     a new ETag reloads the view and the timeline. Nothing is asked while the tab is hidden. */
  Mapsvc.prototype.watchChanges = function () {
    var self = this, etag = null, seconds = this.config.refreshSeconds;
    if (!seconds || !this.config.collectionUrl) { return; }
    function check() {
      if (document.hidden || self.checking) { return; }
      var headers = {Accept: "application/json"};
      if (etag) { headers["If-None-Match"] = etag; }
      self.checking = true;
      fetch(self.config.collectionUrl, {cache: "no-store", headers: headers})
        .then(function (r) {
          var fresh = r.status === 200 ? r.headers.get("ETag") : null;
          if (fresh && etag && fresh !== etag) { self.refresh(); }
          if (fresh) { etag = fresh; }
        })
        .catch(function () { /* asked again at the next tick */ })
        .then(function () { self.checking = false; });
    }
    check();
    window.setInterval(check, seconds * 1000);
  };

  /* Reads may be kept for a minute (Cache-Control: max-age=60): for a minute after a change the
     browser asks the server again (a conditional GET) rather than reuse what it kept. */
  Mapsvc.prototype.cacheMode = function () {
    return this.changedAt && Date.now() - this.changedAt < 61000 ? "no-cache" : "default";
  };

  Mapsvc.prototype.refresh = function () {
    var self = this;
    this.changes = (this.changes || 0) + 1;
    this.changedAt = Date.now();
    this.loadTimeline();
    if (this.map.hasLayer(this.openPopup || {})) {
      // an open popup stays open: the markers are redrawn once it closes
      if (!this.redrawPending) {
        this.redrawPending = true;
        this.map.once("popupclose", function () { self.redrawPending = false; self.redraw(); });
      }
      return;
    }
    this.redraw();
  };

  /* Every marker again: new incidents appear, merged or corrected ones show their new popups. */
  Mapsvc.prototype.redraw = function () {
    this.reset();
    this.load();
  };
}());
