/* A place's map of public land and buildings (estate/map.html).
 *
 * Draws the shipped boundaries (the council, the police force area, the fire and rescue authority) and the
 * assets the page's filters select, clustered, coloured by owning agency as the page's key says. A tile
 * layer is added only when the server names one (MAP_TILES_URL); if its tiles fail, the map still works on
 * the boundaries alone. Everything shown comes from the page's own endpoints; the table below the map
 * lists the same assets, so the map adds nothing a reader without it would miss.
 */
(function () {
  "use strict";

  var element = document.getElementById("asset-map");
  if (!element || typeof window.L === "undefined") {
    return;
  }
  var L = window.L;
  var status = document.getElementById("map-status");

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) {
        throw new Error(url + " answered " + response.status);
      }
      return response.json();
    });
  }

  var fallback = element.querySelector(".pp-map__fallback");
  if (fallback) {
    fallback.parentNode.removeChild(fallback);
  }

  var map = L.map(element, { keyboard: true, zoomSnap: 0.5, minZoom: 5, maxZoom: 19, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.setView([52.8, -1.6], 6);

  var tilesUrl = element.getAttribute("data-tiles-url");
  if (tilesUrl) {
    var failed = 0;
    var tiles = L.tileLayer(tilesUrl, { attribution: element.getAttribute("data-tiles-attribution") || "", maxZoom: 19 });
    tiles.on("tileerror", function () {
      failed += 1;
      if (failed === 1) {
        say("The background map could not be loaded: the boundaries and assets are shown without it.");
      }
    });
    tiles.addTo(map);
  }

  var overlays = {};
  var control = L.control.layers(null, overlays, { collapsed: false }).addTo(map);

  var lineStyles = {
    council: { color: "#0b0c0c", weight: 3, fill: true, fillColor: "#ffffff", fillOpacity: 0.35 },
    police: { color: "#003078", weight: 3, dashArray: "8 6", fill: false },
    fire: { color: "#d4351c", weight: 3, dashArray: "2 6", fill: false }
  };
  var layerNames = { council: "Council boundary", police: "Police force area", fire: "Fire and rescue authority" };

  var boundariesReady = getJSON(element.getAttribute("data-boundaries-url")).then(function (collection) {
    var placeBounds = null;
    ["fire", "police", "council"].forEach(function (layer) {
      var features = collection.features.filter(function (feature) { return feature.properties.layer === layer; });
      if (!features.length) {
        return;
      }
      var drawn = L.geoJSON({ type: "FeatureCollection", features: features }, {
        style: function () { return lineStyles[layer]; },
        interactive: false
      }).addTo(map);
      var name = layerNames[layer] + ": " + features.map(function (f) { return f.properties.name; }).join(", ");
      control.addOverlay(drawn, name);
      if (layer === "council") {
        placeBounds = drawn.getBounds();
      }
    });
    if (placeBounds) {
      map.fitBounds(placeBounds);
    }
    return placeBounds;
  }).catch(function () {
    say("The boundaries could not be loaded.");
    return null;
  });

  var assetUrl = element.getAttribute("data-asset-url");
  var icons = {};

  function iconFor(colour) {
    if (!icons[colour]) {
      icons[colour] = L.divIcon({ className: "pp-map-marker pp-map-colour--" + colour, iconSize: [18, 18], html: "" });
    }
    return icons[colour];
  }

  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? 32 : count < 100 ? 38 : count < 1000 ? 46 : 54;
    return L.divIcon({
      className: "pp-map-cluster",
      iconSize: [size, size],
      html: "<span>" + count + "</span><span class=\"govuk-visually-hidden\"> assets here: press Enter to zoom in</span>"
    });
  }

  function line(text, strong) {
    var p = document.createElement("p");
    if (strong) {
      var b = document.createElement("strong");
      b.textContent = text;
      p.appendChild(b);
    } else {
      p.textContent = text;
    }
    return p;
  }

  // One popup for every asset, filled when an asset is chosen: 50,000 markers need no popup each.
  function popupContent(data, i) {
    return (function () {
      var box = document.createElement("div");
      box.appendChild(line(data.name[i], true));
      box.appendChild(line(data.agencies[data.agency[i]].name));
      box.appendChild(line("Use: " + data.use_labels[data.use[i]] + ". Tenure: " + data.tenure_labels[data.tenure[i]] +
        ". Status: " + data.status_labels[data.status[i]] + "."));
      var p = document.createElement("p");
      var link = document.createElement("a");
      link.className = "govuk-link";
      link.href = assetUrl.replace(/0\/$/, data.id[i] + "/");
      link.textContent = "View " + data.name[i];
      p.appendChild(link);
      box.appendChild(p);
      return box;
    })();
  }

  var clusters = L.markerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    maxClusterRadius: 50,
    iconCreateFunction: clusterIcon
  });
  clusters.on("clusterkeypress", function (event) {
    if (event.originalEvent && event.originalEvent.keyCode === 13) {
      event.layer.zoomToBounds({ padding: [20, 20] });
    }
  });
  var popup = L.popup({ autoPanPadding: [20, 20] });
  var loaded = null;
  function openPopup(marker) {
    popup.setLatLng(marker.getLatLng()).setContent(popupContent(loaded, marker.ppIndex)).openOn(map);
  }
  clusters.on("click", function (event) {
    if (loaded && event.layer && event.layer.ppIndex !== undefined) {
      openPopup(event.layer);
    }
  });
  clusters.on("keypress", function (event) {
    if (loaded && event.originalEvent && event.originalEvent.keyCode === 13 && event.layer.ppIndex !== undefined) {
      openPopup(event.layer);
      // From the keyboard, go on to the popup's link (Escape closes the popup).
      var link = popup.getElement() && popup.getElement().querySelector("a.govuk-link");
      if (link) {
        link.focus();
      }
    }
  });

  var assetsReady = getJSON(element.getAttribute("data-assets-url")).then(function (data) {
    loaded = data;
    var markers = [];
    for (var i = 0; i < data.total; i += 1) {
      var agency = data.agencies[data.agency[i]];
      var marker = L.marker([data.latitude_e6[i] / 1e6, data.longitude_e6[i] / 1e6], {
        icon: iconFor(agency.colour),
        title: data.name[i] + " (" + agency.name + ")",
        keyboard: true
      });
      marker.ppIndex = i;
      markers.push(marker);
    }
    // On the map first, then the markers: a group not yet on a map checks each marker added against every one
    // waiting (quadratic: seconds at 50,000); on the map it clusters them in chunks, the page usable meanwhile.
    clusters.addTo(map);
    clusters.addLayers(markers);
    control.addOverlay(clusters, "Assets (" + data.total.toLocaleString("en-GB") + ")");
    say(data.total.toLocaleString("en-GB") + (data.total === 1 ? " asset is" : " assets are") + " on the map.");
    return data;
  }).catch(function (error) {
    window.console.error(error);
    say("The assets could not be loaded: the table below lists them.");
    return null;
  });

  // Customer service demand: squares sized by visits a year, under the assets; the demand page has its table.
  var demandUrl = element.getAttribute("data-demand-url");
  var demandReady = !demandUrl ? Promise.resolve(null) : getJSON(demandUrl).then(function (data) {
    if (!data.total) {
      return data;
    }
    var largest = Math.max.apply(null, data.visits);
    var layer = L.layerGroup();
    for (var i = 0; i < data.total; i += 1) {
      var radius = 3 + 9 * Math.sqrt(data.visits[i] / largest);
      var label = data.name[i] + ": " + data.visits[i].toLocaleString("en-GB") + " visits or transactions a year" +
        (data.illustrative[i] ? " (illustrative)" : "");
      L.circleMarker([data.latitude[i], data.longitude[i]], {
        radius: radius, color: "#0b0c0c", weight: 1, fillColor: "#ffdd00", fillOpacity: 0.55
      }).bindTooltip(label).addTo(layer);
    }
    layer.addTo(map);
    control.addOverlay(layer, "Customer service demand (" + data.total.toLocaleString("en-GB") + ")");
    return data;
  }).catch(function (error) {
    window.console.error(error);
    return null;
  });

  Promise.all([boundariesReady, assetsReady, demandReady]).then(function (results) {
    if (!results[0] && results[1] && results[1].total) {
      map.fitBounds(clusters.getBounds());
    }
    element.setAttribute("data-ready", "true");
  });

  window.ppEstateMap = { map: map, clusters: clusters };
})();
