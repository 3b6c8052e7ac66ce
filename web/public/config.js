// Settings for a static host. The API serves this site at "/", so the defaults need no change there.
window.ATLAS_CONFIG = {
  // Base URL of the FrontrunnerAtlas API, e.g. "https://atlas.example.org" (empty: this site's origin).
  // A ?api=... query parameter or <meta name="atlas-api"> in index.html take precedence.
  apiBase: '',
  // Seconds between an open map's checks for publishes (its counts then follow without a reload); 0: never.
  pollSeconds: 30,
  // Where the map opens when the link holds no position.
  initialView: { center: [15, 54], zoom: 3.3 },
};
