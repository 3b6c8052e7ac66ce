// Settings for a static host. The API serves this site at "/", so the defaults need no change there.
window.ATLAS_CONFIG = {
  // Base URL of the FrontrunnerAtlas API, e.g. "https://atlas.example.org" (empty: this site's origin).
  // A ?api=... query parameter or <meta name="atlas-api"> in index.html take precedence.
  apiBase: '',
  // The optional online tile layer (off unless the user turns it on under Settings, or onlineTiles: true).
  tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  onlineTiles: false,
  // Where the map opens when the link holds no position.
  initialView: { center: [15, 54], zoom: 3.3 },
};
