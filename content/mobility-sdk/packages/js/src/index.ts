export { MobilityClient } from "./client.js";
export type { Quote, Ride, RideState, RideUpdate } from "./model.js";
export { MobilityError } from "./errors.js";
