import { FeedbackForm } from "../../actions/form";

export default function Page() {
  return <FeedbackForm />;
}
