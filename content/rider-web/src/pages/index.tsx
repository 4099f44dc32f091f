import { BookingPanel } from "../features/booking/BookingPanel";

export default function Home() {
  return (
    <main>
      <h1>Where to?</h1>
      <BookingPanel />
    </main>
  );
}
