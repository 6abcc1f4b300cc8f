// What the public API (公众服务, /api/public/*) answers, as plain types shared by both sides: the src/public modules
// declare them as their return types, and the citizen portal (web/src/portal) imports this file by relative path.
// It must stay free of imports. facilities.ts, reports.ts and routes.ts check that the unions and the EXIF position
// below equal their own (facility kinds, satisfaction, PhotoExif).

/** 便民设施 kinds (facilities.ts checks them against FACILITY_KINDS). */
export type FacilityKindCode = 'toilet' | 'service_point' | 'muck_transfer' | 'parking';

/** 回访 satisfaction (reports.ts checks it against the case model's SATISFACTION). */
export type SatisfactionCode = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

/** The coarse stage the public sees of a case (status.ts names them). */
export type PublicStage = 'submitted' | 'verifying' | 'dispatching' | 'handling' | 'checking' | 'closed' | 'voided' | 'rejected' | 'merged';

/** A problem category of the portal as the citizen sees it (its catalogue type stays on the server). */
export interface PortalCategory { key: string; name: string; hint: string }

/** GET /api/public/config. */
export interface PortalConfig {
  city: { code: string; name: string } | null;
  /** [west, south, east, north] of the unit grids; null before any grid exists. */
  bounds: [number, number, number, number] | null;
  categories: PortalCategory[];
  facilityKinds: readonly FacilityKindCode[];
}

/** POST /api/public/phone/code: the phone masked, and how long the code is valid. */
export interface CodeSent { phone: string; expiresInSeconds: number }

/** POST /api/public/phone/verify: the citizen's session (the token is sent back as a bearer token; phone masked). */
export interface CitizenSession { token: string; expiresAt: string; user: { id: number; displayName: string; phone: string } }

/** Where and when a photo was taken, from its EXIF block (routes.ts checks it against the media module's PhotoExif). */
export interface PhotoExifView { lon: number | null; lat: number | null; takenAt: string | null }

/** One item of POST /api/public/media. */
export interface UploadedPhoto { hash: string; width: number | null; height: number | null; exif: PhotoExifView | null }

/** POST /api/public/reports: the case number; `photoFarFromPoint` when a photo was taken far from the reported point. */
export interface FiledReport { caseNo: string; created: boolean; photoFarFromPoint: boolean; exifDistanceM: number | null }

/** One entry of a case's public timeline (no names, phones or staff opinions). */
export interface PublicEvent { at: string; action: string; label: string; stage: PublicStage; stageName: string; note: string | null }

/** GET /api/public/reports/:caseNo and POST …/rating: what anyone may see of a case; `rating` for its own reporter. */
export interface TrackedCase {
  caseNo: string;
  typeName: string;
  address: string | null;
  department: string | null;
  status: 'open' | 'closed';
  stage: PublicStage;
  stageName: string;
  createdAt: string;
  closedAt: string | null;
  timeline: PublicEvent[];
  photos: { phase: 'before' | 'after'; url: string }[];
  /** The citizen viewing it reported it. */
  mine: boolean;
  canRate: boolean;
  rating: SatisfactionCode | null;
}

/** One row of GET /api/public/my/reports. */
export interface MyReport { caseNo: string; typeName: string; address: string | null; createdAt: string; stageName: string; status: 'open' | 'closed' }

export interface Reward { key: string; name: string; cost: number }

/** A change of a citizen's points: earned by a filed report or a rating, spent by a redemption. */
export interface PointsEntry {
  id: number;
  delta: number;
  reason: 'report_filed' | 'rating' | 'redeem';
  caseNo: string | null;
  /** The reward's name (redemptions only). */
  reward: string | null;
  redeemCode: string | null;
  at: string;
}

/** GET /api/public/points. */
export interface PointsView { balance: number; ledger: PointsEntry[]; rewards: readonly Reward[] }

/** POST /api/public/points/redeem. */
export interface Redemption { redeemCode: string; balance: number }

/** A facility (GET /api/public/facilities, …/:code); `distanceM` when the search gave a point. */
export interface Facility {
  id: number;
  code: string;
  kind: FacilityKindCode;
  kindName: string;
  name: string;
  lon: number;
  lat: number;
  address: string | null;
  /** 'HH:MM-HH:MM[,HH:MM-HH:MM…]' */
  openingHours: string;
  openNow: boolean;
  phone: string | null;
  details: Record<string, unknown>;
  distanceM: number | null;
  navigationUrl: string;
  pageUrl: string;
}

export type SignRequestStatus = 'requested' | 'scheduled' | 'visited' | 'cancelled';

/** 店招服务 request: the shop's own view (POST /api/public/sign-requests, GET …/:refNo) masks the phone; staff see it. */
export interface SignRequestView {
  id: number;
  refNo: string;
  shopName: string;
  contactName: string;
  phone: string;
  address: string;
  lon: number | null;
  lat: number | null;
  request: string;
  /** 'YYYY-MM-DD' */
  preferredDate: string | null;
  status: SignRequestStatus;
  appointmentAt: string | null;
  officer: string | null;
  visitNotes: string | null;
  visitPhotos: string[];
  visitedAt: string | null;
  createdAt: string;
}
