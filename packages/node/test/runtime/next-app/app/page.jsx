// Reached only when middleware.ts let the request through.
export default function Home() {
  return <p id="protected">signed in</p>;
}
