export default function Login() {
  return <p id="login">log in</p>;
}
